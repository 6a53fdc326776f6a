import WeftJSON

/// Writes a JSON value as block-style YAML that reads back (with ``YAMLLoader``) as the same value: mappings and
/// sequences as indented blocks, strings plain where YAML would read them back as the same string, double-quoted
/// (JSON escapes, which YAML shares) otherwise, and multi-line strings as literal blocks.
public enum YAMLWriter {
    /// The YAML text of `value`, ending with a line break.
    public static func write(_ value: JSON, indentation: Int = 2) -> String {
        var output = ""
        switch value {
        case .object(let object) where !object.isEmpty:
            writeMapping(object, indent: 0, step: indentation, into: &output)
        case .array(let array) where !array.isEmpty:
            writeSequence(array, indent: 0, step: indentation, into: &output)
        default:
            output = inline(value, indent: 0, step: indentation) + "\n"
        }
        return output
    }

    private static func writeMapping(_ object: JSONObject, indent: Int, step: Int, into output: inout String) {
        let padding = String(repeating: " ", count: indent)
        for (key, value) in object {
            output += padding + scalar(key) + ":"
            writeValue(value, indent: indent, step: step, into: &output)
        }
    }

    private static func writeSequence(_ array: [JSON], indent: Int, step: Int, into output: inout String) {
        let padding = String(repeating: " ", count: indent)
        for element in array {
            switch element {
            case .object(let object) where !object.isEmpty:
                // The first member shares the dash's line; the others line up under it.
                var block = ""
                writeMapping(object, indent: indent + 2, step: step, into: &block)
                output += padding + "- " + block.dropFirst(indent + 2)
            case .array(let nested) where !nested.isEmpty:
                output += padding + "-\n"
                writeSequence(nested, indent: indent + step, step: step, into: &output)
            default:
                output += padding + "- " + inline(element, indent: indent + 2, step: step) + "\n"
            }
        }
    }

    /// Writes what follows `key:` — a nested block on the next lines, or a scalar on the same line.
    private static func writeValue(_ value: JSON, indent: Int, step: Int, into output: inout String) {
        switch value {
        case .object(let object) where !object.isEmpty:
            output += "\n"
            writeMapping(object, indent: indent + step, step: step, into: &output)
        case .array(let array) where !array.isEmpty:
            output += "\n"
            writeSequence(array, indent: indent + step, step: step, into: &output)
        default:
            output += " " + inline(value, indent: indent + step, step: step) + "\n"
        }
    }

    /// A value written on one line (or a literal block for a multi-line string).
    private static func inline(_ value: JSON, indent: Int, step: Int) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number: return value.serialized()
        case .string(let text): return string(text, indent: indent)
        case .object: return "{}"
        case .array: return "[]"
        }
    }

    private static func string(_ text: String, indent: Int) -> String {
        if text.contains("\n"), isLiteralSafe(text) {
            let padding = String(repeating: " ", count: max(indent, 2))
            let chomping = text.hasSuffix("\n") ? "" : "-"
            let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            return "|" + chomping + "\n" + lines.map { $0.isEmpty ? "" : padding + $0 }.joined(separator: "\n")
        }
        return scalar(text)
    }

    /// A string as a plain scalar when YAML reads that back as this very string, else double-quoted.
    public static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : JSON.string(text).serialized()
    }

    private static let indicators: Set<Character> = [
        "-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`",
    ]
    private static let reserved: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "<<", ".inf", "-.inf", "+.inf", ".nan",
    ]

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, let last = text.last, first != " ", last != " ", last != ":",
            !indicators.contains(first), !reserved.contains(text.lowercased()), !looksNumeric(text),
            !text.contains(": "), !text.contains(" #"), !text.contains("\t")
        else { return false }
        return text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F ~= $0.value) }
    }

    /// Whether YAML 1.1 or 1.2 might read the text as a number, a date or a time (kept quoted to be safe).
    private static func looksNumeric(_ text: String) -> Bool {
        var scalars = Substring(text)
        if scalars.first == "+" || scalars.first == "-" || scalars.first == "." { scalars = scalars.dropFirst() }
        return scalars.first?.isNumber ?? false
    }

    /// A multi-line string a literal block holds exactly: no leading blank on its first line (which would need
    /// an indentation indicator), no trailing blanks on lines, no carriage returns or other control characters.
    private static func isLiteralSafe(_ text: String) -> Bool {
        guard text.first != " ", !text.hasPrefix("\n"), !text.hasSuffix("\n\n") else { return false }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.last == " " || line.last == "\t" { return false }
            if line.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" || $0.value == 0x7F }) {
                return false
            }
        }
        return true
    }
}
