import Yams

/// Reads YAML (which includes JSON) into a `Located` tree, reporting syntax problems as diagnostics.
public enum YAMLLoader {
    /// Parses `text`, the contents of `file`. Returns nil (with diagnostics) when the text is not valid YAML.
    public static func load(_ text: String, file: String) -> (value: Located?, diagnostics: [Diagnostic]) {
        let source = SourceText(text)
        let node: Node?
        let renamedKeys: [Int: String]
        do {
            (node, renamedKeys) = try compose(text, source: source)
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error, file: file)])
        } catch {
            return (
                nil,
                [
                    Diagnostic(
                        code: "yaml-syntax", message: "not valid YAML: \(error)",
                        location: SourceLocation(file: file, line: 1, column: 1))
                ]
            )
        }
        guard let node else {
            return (
                nil,
                [
                    Diagnostic(
                        code: "empty-file", message: "the file is empty",
                        location: SourceLocation(file: file, line: 1, column: 1))
                ]
            )
        }
        var diagnostics: [Diagnostic] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let value = convert(
            node, file: file, source: source, lines: lines, renamedKeys: renamedKeys, diagnostics: &diagnostics)
        // An anchored node is read again wherever an alias or a merge key uses it: report its problems once.
        var reported: Set<Diagnostic> = []
        diagnostics = diagnostics.filter { reported.insert($0).inserted }
        return (value, diagnostics)
    }

    /// Composes the text with Yams, letting a mapping write a key twice.
    ///
    /// Yams rejects such a mapping and names the first of the two keys, where the mistake is usually the second.
    /// To find the second (and keep reading the rest), the first key is renamed in a copy of the text: its first
    /// character becomes a private-use character found nowhere in the text, so the key no longer collides while no
    /// line or column moves; then the copy is composed again. `renamedKeys` gives, by the index of its mark in the
    /// text, each renamed key's real name, and `convert` reports the duplicate at the second key.
    private static func compose(
        _ text: String, source: SourceText
    ) throws -> (node: Node?, renamedKeys: [Int: String]) {
        var scalars = source.scalars
        var attempt = text
        var renamedKeys: [Int: String] = [:]
        var inText: Set<Unicode.Scalar> = []
        var nextMarker: UInt32 = 0xE000
        while true {
            do {
                return (try Yams.compose(yaml: attempt, .basic), renamedKeys)
            } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
                if renamedKeys.isEmpty { inText = Set(source.scalars) }
                while nextMarker < 0xF8FF, inText.contains(Unicode.Scalar(nextMarker)!) { nextMarker += 1 }
                guard renamedKeys.count < 100, nextMarker < 0xF8FF, let name = duplicates.first,
                    let mark = source.index(line: context.mark.line, column: context.mark.column),
                    renamedKeys[mark] == nil, let first = firstKeyCharacter(at: mark, in: scalars)
                else { throw YamlError.duplicatedKeysInMapping(duplicates: duplicates, context: context) }
                scalars[first] = Unicode.Scalar(nextMarker)!
                nextMarker += 1
                renamedKeys[mark] = name
                attempt = String(String.UnicodeScalarView(scalars))
            }
        }
    }

    /// The index of the character that holds the first character of the name of a key written at `mark`: the
    /// key's first character, or the one after its opening quote. Nil when that character is an escape, a quote,
    /// a blank, a line break or an indicator, which cannot simply be replaced.
    private static func firstKeyCharacter(at mark: Int, in scalars: [Unicode.Scalar]) -> Int? {
        guard mark < scalars.count else { return nil }
        let index = scalars[mark] == "\"" || scalars[mark] == "'" ? mark + 1 : mark
        guard index < scalars.count else { return nil }
        switch scalars[index] {
        case " ", "\t", "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}", "\\", "\"", "'", "&", "!", "*", "[", "]", "{",
            "}", "|", ">", "#", "%", "@", "`", ",":
            return nil
        default:
            return index
        }
    }

    private static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(
        _ node: Node, file: String, source: SourceText, lines: [Substring], renamedKeys: [Int: String],
        diagnostics: inout [Diagnostic]
    ) -> Located {
        let here = location(node.mark, file)
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, at: here, source: source, lines: lines)
        case .sequence(let sequence):
            let items = sequence.map { item in
                convert(
                    item, file: file, source: source, lines: lines, renamedKeys: renamedKeys, diagnostics: &diagnostics
                )
            }
            return Located(.array(items), at: here)
        case .mapping(let mapping):
            return Located(
                .object(
                    members(
                        of: mapping, file: file, source: source, lines: lines, renamedKeys: renamedKeys,
                        diagnostics: &diagnostics)), at: here)
        case .alias:
            return Located(.null, at: here)
        }
    }

    /// The members of a mapping, with YAML 1.1 merge keys applied: a plain `<<` key whose value is a mapping
    /// (usually an alias, `<<: *base`) or a list of mappings (`<<: [*a, *b]`) adds their members to this mapping.
    /// Keys written in the mapping itself win, wherever the `<<` is, and among the merged mappings the earlier
    /// wins. Merged members keep the locations where they are written (in the anchored mapping), and record the
    /// `<<` that brought them in.
    private static func members(
        of mapping: Node.Mapping, file: String, source: SourceText, lines: [Substring], renamedKeys: [Int: String],
        diagnostics: inout [Diagnostic]
    ) -> [Located.Member] {
        struct Entry {
            var key: String
            var keyLocation: SourceLocation
            var isMerge: Bool
            var value: Located
        }
        var entries: [Entry] = []
        var seen: [String: SourceLocation] = [:]
        for (keyNode, valueNode) in mapping {
            let keyLocation = location(keyNode.mark, file)
            guard case .scalar(let keyScalar) = keyNode else {
                diagnostics.append(
                    Diagnostic(
                        code: "invalid-key", message: "a mapping key must be a plain name, not a structure",
                        location: keyLocation))
                continue
            }
            let key =
                source.index(line: keyLocation.line, column: keyLocation.column).flatMap { renamedKeys[$0] }
                ?? keyScalar.string
            if let first = seen[key] {
                diagnostics.append(
                    Diagnostic(
                        code: "duplicate-key", message: "the key `\(key)` appears twice in this mapping",
                        location: keyLocation, hint: "the first `\(key)` is at \(first.line):\(first.column)"))
                continue
            }
            seen[key] = keyLocation
            let isMerge = key == "<<" && (keyScalar.style == .plain || keyScalar.style == .any)
            let value = convert(
                valueNode, file: file, source: source, lines: lines, renamedKeys: renamedKeys,
                diagnostics: &diagnostics)
            entries.append(Entry(key: key, keyLocation: keyLocation, isMerge: isMerge, value: value))
        }
        let written = Set(entries.filter { !$0.isMerge }.map(\.key))
        var members: [Located.Member] = []
        var merged: Set<String> = []
        for entry in entries {
            let value = entry.value
            guard entry.isMerge else {
                members.append(Located.Member(key: entry.key, keyLocation: entry.keyLocation, value: value))
                continue
            }
            var sources: [Located] = []
            var problem: String?
            switch value.kind {
            case .object:
                sources = [value]
            case .array(let items):
                sources = items
                if let item = items.first(where: { if case .object = $0.kind { false } else { true } }) {
                    problem = "the list holds \(item.typeDescription)"
                }
            default:
                problem = "this is \(value.typeDescription)"
            }
            if let problem {
                diagnostics.append(
                    Diagnostic(
                        code: "invalid-merge",
                        message: "`<<` merges a mapping, or a list of mappings, into this mapping; \(problem)",
                        location: entry.keyLocation,
                        hint: "write `<<: *name` for a mapping anchored with `&name`, or `<<: [*first, *second]`; "
                            + "quote the key (`\"<<\"`) for a key named `<<`"))
                continue
            }
            for mergedSource in sources {
                for var member in mergedSource.members where !written.contains(member.key) {
                    guard merged.insert(member.key).inserted else { continue }
                    member.mergedBy = entry.keyLocation
                    members.append(member)
                }
            }
        }
        return members
    }

    /// Plain scalars follow the YAML 1.2 core schema (so `yes`, `no` and `on` stay strings); quoted and block
    /// scalars are always strings.
    private static func scalarValue(
        _ scalar: Node.Scalar, at location: SourceLocation, source: SourceText, lines: [Substring]
    ) -> Located {
        let text = scalar.string
        func string(_ style: Located.StringStyle) -> Located {
            var value = Located(.string(text, style), at: location)
            value.sourceMap = ScalarScanner.map(
                of: text, style: style, line: location.line, column: location.column, in: source)
            if style == .literal || style == .folded {
                value.blockIndent = blockIndent(after: location.line, lines: lines)
            }
            return value
        }
        switch scalar.style {
        case .singleQuoted: return string(.singleQuoted)
        case .doubleQuoted: return string(.doubleQuoted)
        case .literal: return string(.literal)
        case .folded: return string(.folded)
        case .plain, .any:
            break
        }
        switch text {
        case "", "~", "null", "Null", "NULL": return Located(.null, at: location)
        case "true", "True", "TRUE": return Located(.bool(true), at: location)
        case "false", "False", "FALSE": return Located(.bool(false), at: location)
        default: break
        }
        if let number = coreNumber(text) { return Located(.number(number), at: location) }
        return string(.plain)
    }

    /// A number in the YAML 1.2 core schema: decimal integers and floats, `0x`/`0o` integers, `.inf`, `.nan`.
    static func coreNumber(_ text: String) -> Double? {
        let first = text.first
        guard let first, first.isNumber || first == "-" || first == "+" || first == "." else { return nil }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return Double(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return Double(value) }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        guard let leading = body.first, leading.isASCII, leading.isNumber || leading == "." else { return nil }
        guard body.allSatisfy({ $0.isASCII && ($0.isNumber || "eE+-.".contains($0)) }) else { return nil }
        return Double(text)
    }

    /// The indentation of the first non-blank line after `line` (1-based), for block scalars.
    private static func blockIndent(after line: Int, lines: [Substring]) -> Int? {
        var index = line  // the next line, 0-based
        while index < lines.count {
            let content = lines[index]
            if !content.allSatisfy({ $0 == " " }) {
                return content.prefix { $0 == " " }.count
            }
            index += 1
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context?, let problem, _, _) where context.text == "while scanning a quoted scalar":
            // The quote is not closed: libyaml notices only at the end of the file, but the place to look is
            // where the quoted string starts.
            return Diagnostic(
                code: "yaml-syntax", message: "YAML syntax error: a quoted string is never closed (\(problem))",
                location: location(context.mark, file),
                hint: "end the string with the same quote it starts with, on this line or a later one")
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return Diagnostic(
                code: "yaml-syntax", message: "YAML syntax error: \(problem)", location: location(mark, file),
                hint: "check indentation, colons after keys, and quotes around values that contain `: ` or `#`")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(
                code: "duplicate-key",
                message: "duplicate keys in a mapping: " + duplicates.map { "`\($0)`" }.joined(separator: ", "),
                location: location(context.mark, file))
        default:
            return Diagnostic(
                code: "yaml-syntax", message: "not valid YAML: \(error)",
                location: SourceLocation(file: file, line: 1, column: 1))
        }
    }
}
