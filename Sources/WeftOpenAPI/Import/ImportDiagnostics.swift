import WeftModel

/// Collects what an import guessed or skipped, grouping repeats: the same message for many operations becomes
/// one diagnostic that counts them and names the first few places (as JSON pointers into the document).
struct ImportDiagnostics {
    private struct Key: Hashable {
        var severity: Diagnostic.Severity
        var code: String
        var message: String
    }

    private var order: [Key] = []
    private var places: [Key: [String]] = [:]
    private var hints: [Key: String] = [:]

    /// Records `message` about the value at `pointer` (a JSON pointer such as `/paths/~1pets/get`).
    mutating func add(
        _ code: String, _ message: String, at pointer: String, hint: String? = nil,
        severity: Diagnostic.Severity = .warning
    ) {
        let key = Key(severity: severity, code: code, message: message)
        if places[key] == nil {
            order.append(key)
            places[key] = []
            hints[key] = hint
        }
        places[key]?.append(pointer)
    }

    /// The diagnostics, in the order their first occurrence was recorded; locations name `file`.
    func diagnostics(file: String) -> [Diagnostic] {
        order.map { key in
            let found = places[key] ?? []
            var message = key.message
            var hint = hints[key].map { $0 + "; " } ?? ""
            if found.count == 1 {
                message += " (at #\(found[0]))"
            } else {
                message += " (\(found.count) places)"
                let shown = found.prefix(3).map { "#" + $0 }.joined(separator: ", ")
                hint += "at \(shown)" + (found.count > 3 ? " and \(found.count - 3) more" : "")
            }
            return Diagnostic(
                key.severity, code: key.code, message: message,
                location: SourceLocation(file: file, line: 1, column: 1),
                hint: hint.isEmpty ? nil : (hint.hasSuffix("; ") ? String(hint.dropLast(2)) : hint))
        }
    }
}
