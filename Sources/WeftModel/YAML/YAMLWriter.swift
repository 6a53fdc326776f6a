import WeftJSON

/// Writes a `JSON` value as readable, deterministic YAML: members in their order, block style, two spaces of
/// indentation, short collections of scalars on one line (`required: [id, name]`), multi-line text as literal
/// blocks, and quotes only where a plain scalar would read differently.
///
/// The output reads back as the same value with any YAML 1.1 or 1.2 reader: strings that look like another
/// type (`"yes"`, `"1.0"`, `"null"`) are always quoted.
public struct YAMLWriter: Sendable {
    /// The longest line a collection may take in flow style (`{ type: string }`) before it is written as a block.
    public var flowWidth: Int
    /// How many levels of nesting are always written as blocks: with 2, the top-level members' values and their
    /// members' values (such as each action of an app) are blocks however short.
    public var blockDepth: Int

    /// Creates a writer.
    public init(flowWidth: Int = 100, blockDepth: Int = 2) {
        self.flowWidth = flowWidth
        self.blockDepth = blockDepth
    }

    /// The YAML text of `value`, ending in a newline; `comments` become `#` lines at the top.
    public func string(from value: JSON, comments: [String] = []) -> String {
        var output = ""
        for comment in comments { output += comment.isEmpty ? "#\n" : "# \(comment)\n" }
        switch value {
        case .object(let object) where !object.isEmpty:
            writeMembers(object, indent: 0, depth: 0, to: &output)
        case .array(let elements) where !elements.isEmpty:
            writeElements(elements, indent: 0, depth: 0, to: &output)
        default:
            output += scalarOrFlow(value) + "\n"
        }
        return output
    }

    // MARK: Blocks

    private func writeMembers(_ object: JSONObject, indent: Int, depth: Int, to output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, member) in object {
            output += pad + Self.scalar(key) + ":"
            writeValue(member, indent: indent, depth: depth, prefixWidth: indent + key.count + 2, to: &output)
        }
    }

    private func writeElements(_ elements: [JSON], indent: Int, depth: Int, to output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for element in elements {
            switch element {
            case .object(let object)
            where !object.isEmpty && flow(element, depth: depth, width: flowWidth - indent - 2) == nil:
                // The first member goes on the dash's line; the rest line up under it.
                var nested = ""
                writeMembers(object, indent: indent + 2, depth: depth + 1, to: &nested)
                output += pad + "- " + nested.dropFirst(indent + 2)
            case .array(let inner)
            where !inner.isEmpty && flow(element, depth: depth, width: flowWidth - indent - 2) == nil:
                output += pad + "-\n"
                writeElements(inner, indent: indent + 2, depth: depth + 1, to: &output)
            default:
                output += pad + "-"
                writeValue(element, indent: indent, depth: depth, prefixWidth: indent + 2, to: &output)
            }
        }
    }

    /// Writes what follows `key:` or `-`: a scalar or flow collection on the same line, or a block below.
    private func writeValue(_ value: JSON, indent: Int, depth: Int, prefixWidth: Int, to output: inout String) {
        switch value {
        case .object(let object) where !object.isEmpty:
            if let text = flow(value, depth: depth, width: flowWidth - prefixWidth) {
                output += " " + text + "\n"
            } else {
                output += "\n"
                writeMembers(object, indent: indent + 2, depth: depth + 1, to: &output)
            }
        case .array(let elements) where !elements.isEmpty:
            if let text = flow(value, depth: depth, width: flowWidth - prefixWidth) {
                output += " " + text + "\n"
            } else {
                output += "\n"
                writeElements(elements, indent: indent + 2, depth: depth + 1, to: &output)
            }
        case .string(let text) where Self.fitsLiteralBlock(text):
            output += " " + Self.literalBlock(text, indent: indent + 2) + "\n"
        default:
            output += " " + scalarOrFlow(value) + "\n"
        }
    }

    // MARK: Flow collections

    /// The one-line flow form of a collection whose leaves are scalars (one level of nesting at most), when it
    /// fits in `width`; `nil` otherwise.
    private func flow(_ value: JSON, depth: Int, width: Int) -> String? {
        guard width > 0, depth >= blockDepth, let text = flowText(value, depth: 0, budget: width), text.count <= width
        else { return nil }
        return text
    }

    private func flowText(_ value: JSON, depth: Int, budget: Int) -> String? {
        switch value {
        case .object(let object):
            if object.isEmpty { return "{}" }
            guard depth < 2, object.count <= 8 else { return nil }
            var parts: [String] = []
            var used = 4
            for (key, member) in object {
                guard let inner = flowText(member, depth: depth + 1, budget: budget - used) else { return nil }
                let part = Self.scalar(key) + ": " + inner
                used += part.count + 2
                guard used <= budget else { return nil }
                parts.append(part)
            }
            return "{ " + parts.joined(separator: ", ") + " }"
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            guard depth < 2 else { return nil }
            var parts: [String] = []
            var used = 2
            for element in elements {
                guard let inner = flowText(element, depth: depth + 1, budget: budget - used) else { return nil }
                used += inner.count + 2
                guard used <= budget else { return nil }
                parts.append(inner)
            }
            return "[" + parts.joined(separator: ", ") + "]"
        case .string(let text):
            guard !text.contains("\n") else { return nil }
            return Self.scalar(text, inFlow: true)
        default:
            return scalarOrFlow(value)
        }
    }

    private func scalarOrFlow(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number):
            if number.isNaN { return ".nan" }
            if number.isInfinite { return number < 0 ? "-.inf" : ".inf" }
            return JSONNumber.format(number)
        case .string(let text): return Self.scalar(text)
        case .array(let elements) where elements.isEmpty: return "[]"
        case .object(let object) where object.isEmpty: return "{}"
        default: return flowText(value, depth: 0, budget: .max) ?? value.serialized()
        }
    }

    // MARK: Scalars

    /// `text` as a plain scalar when that reads back as the same string, double-quoted otherwise.
    public static func scalar(_ text: String, inFlow: Bool = false) -> String {
        isPlainSafe(text, inFlow: inFlow) ? text : doubleQuoted(text)
    }

    /// Words that some YAML reader takes for a Boolean or null.
    private static let reservedWords: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    static func isPlainSafe(_ text: String, inFlow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        guard first.properties.isAlphabetic || first == "_" || first == "/" || first == "$" || first == "(" else {
            return false
        }
        guard last != " " && last != ":" else { return false }
        if text.count <= 5 && reservedWords.contains(text.lowercased()) { return false }
        var previous: Unicode.Scalar = " "
        for character in text.unicodeScalars {
            switch character {
            case "#" where previous == " ": return false
            case " " where previous == ":": return false
            case ",", "[", "]", "{", "}", ":":
                if inFlow { return false }
            default:
                if character.value < 0x20 || character.value == 0x7F { return false }
                if character.value >= 0x80 && !(character.properties.isAlphabetic || character.properties.isMath)
                    && character.properties.generalCategory != .otherPunctuation
                {
                    return false
                }
            }
            previous = character
        }
        return true
    }

    static func doubleQuoted(_ text: String) -> String {
        var output = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            case "\u{85}": output += "\\N"
            case "\u{2028}": output += "\\L"
            case "\u{2029}": output += "\\P"
            case "\u{FEFF}": output += "\\uFEFF"
            default:
                if character.value < 0x20 || character.value == 0x7F || (0x80..<0xA0).contains(character.value) {
                    let hex = String(character.value, radix: 16, uppercase: true)
                    output += "\\x" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
                } else {
                    output.unicodeScalars.append(character)
                }
            }
        }
        return output + "\""
    }

    /// Whether `text` can be written as a literal block (`|`) that reads back exactly: several lines, nothing
    /// that a block cannot hold, and no leading blank that would confuse indentation detection.
    static func fitsLiteralBlock(_ text: String) -> Bool {
        guard text.contains("\n"), let first = text.unicodeScalars.first, first != " ", first != "\n" else {
            return false
        }
        for character in text.unicodeScalars {
            if character == "\n" { continue }
            if character == "\t" { continue }
            if character.value < 0x20 || character.value == 0x7F || (0x80..<0xA0).contains(character.value)
                || character == "\u{2028}" || character == "\u{2029}" || character == "\u{FEFF}"
            {
                return false
            }
        }
        // Lines made only of spaces that are longer than the indentation would be read as content of a
        // different width; trailing spaces on the last line would be lost by chomping.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.contains(where: { !$0.isEmpty && $0.allSatisfy { $0 == " " || $0 == "\t" } }) { return false }
        return true
    }

    static func literalBlock(_ text: String, indent: Int) -> String {
        var trailing = 0
        var body = Substring(text)
        while body.hasSuffix("\n") {
            trailing += 1
            body = body.dropLast()
        }
        let header = trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+"
        let pad = String(repeating: " ", count: indent)
        var output = header
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            output += line.isEmpty ? "\n" : "\n" + pad + line
        }
        if trailing > 1 { output += String(repeating: "\n", count: trailing - 1) }
        return output
    }
}
