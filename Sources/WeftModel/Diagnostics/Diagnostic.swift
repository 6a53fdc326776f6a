import WeftJSON

/// A problem found in a flow or app file, with where it is and how to fix it.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    /// A stable identifier of the kind of problem, such as `unknown-key` or `expression-syntax`.
    public var code: String
    public var message: String
    public var location: SourceLocation
    /// A suggestion, such as "did you mean `retry`?".
    public var hint: String?

    /// Creates a diagnostic.
    public init(
        _ severity: Severity = .error, code: String, message: String, location: SourceLocation, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `file:line:column: error: message (hint)`.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }

    /// The diagnostic as a JSON object, for `--format json`.
    public var json: JSON {
        var object: JSONObject = [
            "severity": .string(severity.rawValue), "code": .string(code), "message": .string(message),
            "file": .string(location.file), "line": .number(Double(location.line)),
            "column": .number(Double(location.column)),
        ]
        if let hint { object["hint"] = .string(hint) }
        return .object(object)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
