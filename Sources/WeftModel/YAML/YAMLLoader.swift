import Yams

/// Reads YAML (which includes JSON) into a `Located` tree, reporting syntax problems as diagnostics.
public enum YAMLLoader {
    /// Parses `text`, the contents of `file`. Returns nil (with diagnostics) when the text is not valid YAML.
    public static func load(_ text: String, file: String) -> (value: Located?, diagnostics: [Diagnostic]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text, .basic)
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
        let value = convert(node, file: file, lines: lines, diagnostics: &diagnostics)
        return (value, diagnostics)
    }

    private static func location(_ mark: Mark?, _ file: String) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func convert(
        _ node: Node, file: String, lines: [Substring], diagnostics: inout [Diagnostic]
    ) -> Located {
        let here = location(node.mark, file)
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, at: here, lines: lines)
        case .sequence(let sequence):
            return Located(
                .array(sequence.map { convert($0, file: file, lines: lines, diagnostics: &diagnostics) }), at: here)
        case .mapping(let mapping):
            var members: [Located.Member] = []
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
                let key = keyScalar.string
                if let first = seen[key] {
                    diagnostics.append(
                        Diagnostic(
                            code: "duplicate-key", message: "the key `\(key)` appears twice in this mapping",
                            location: keyLocation, hint: "the first `\(key)` is at \(first.line):\(first.column)"))
                    continue
                }
                seen[key] = keyLocation
                members.append(
                    Located.Member(
                        key: key, keyLocation: keyLocation,
                        value: convert(valueNode, file: file, lines: lines, diagnostics: &diagnostics)))
            }
            return Located(.object(members), at: here)
        case .alias:
            return Located(.null, at: here)
        }
    }

    /// Plain scalars follow the YAML 1.2 core schema (so `yes`, `no` and `on` stay strings); quoted and block
    /// scalars are always strings.
    private static func scalarValue(_ scalar: Node.Scalar, at location: SourceLocation, lines: [Substring]) -> Located {
        let text = scalar.string
        switch scalar.style {
        case .singleQuoted: return Located(.string(text, .singleQuoted), at: location)
        case .doubleQuoted: return Located(.string(text, .doubleQuoted), at: location)
        case .literal, .folded:
            var value = Located(.string(text, scalar.style == .literal ? .literal : .folded), at: location)
            value.blockIndent = blockIndent(after: location.line, lines: lines)
            return value
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
        return Located(.string(text, .plain), at: location)
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
