import WeftJSON

/// The serialiser behind ``JSONToXML``.
struct XMLDocumentWriter {
    private let options: JSONToXML.Options
    /// The document written so far.
    private(set) var output = ""

    init(options: JSONToXML.Options) {
        self.options = options
    }

    /// Writes the whole document for `json`.
    mutating func writeDocument(_ json: JSON) throws(ConversionError) {
        if options.xmlDeclaration {
            output += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            if options.prettyPrint { output += "\n" }
        }
        if let (key, value) = Self.singleMember(of: json), !isAttribute(key), key != options.textKey,
            value.arrayValue == nil
        {
            try writeElement(key, value, level: 0)
        } else {
            try writeElement(options.rootName, json, level: 0)
        }
        if options.prettyPrint { output += "\n" }
    }

    /// The key and value of `json` when it is an object with exactly one member.
    private static func singleMember(of json: JSON) -> (String, JSON)? {
        guard case .object(let object) = json, object.count == 1 else { return nil }
        for (key, value) in object { return (key, value) }
        return nil
    }

    /// Writes a member: one element, or one per item when the value is an array.
    private mutating func writeMember(_ name: String, _ value: JSON, level: Int) throws(ConversionError) {
        guard case .array(let items) = value else {
            try writeElement(name, value, level: level)
            return
        }
        for item in items { try writeElement(name, item, level: level) }
    }

    /// Writes one element named `name` holding `value`.
    private mutating func writeElement(_ name: String, _ value: JSON, level: Int) throws(ConversionError) {
        guard level < options.maximumDepth else {
            throw ConversionError(
                .nestingTooDeep,
                "the JSON value is nested deeper than the limit of \(options.maximumDepth) levels"
            )
        }
        let tag = XMLName.sanitized(name)
        newline(level: level)
        output += "<"
        output += tag
        switch value {
        case .null:
            output += "/>"
        case .bool, .number, .string:
            let text = Self.text(of: value)
            if text.isEmpty {
                output += "/>"
            } else {
                output += ">"
                Self.appendEscaped(text, to: &output, inAttribute: false)
                output += "</\(tag)>"
            }
        case .array(let items):
            guard !items.isEmpty else {
                output += "/>"
                return
            }
            output += ">"
            for item in items { try writeMember(options.arrayItemName, item, level: level + 1) }
            newline(level: level)
            output += "</\(tag)>"
        case .object(let object):
            var attributeNames: Set<String> = []
            var text = ""
            var children: [(String, JSON)] = []
            for (key, member) in object {
                if isAttribute(key) {
                    if member.isNull { continue }
                    var attribute = XMLName.sanitized(String(key.dropFirst(options.attributePrefix.count)))
                    if attributeNames.contains(attribute) {
                        var counter = 2
                        while attributeNames.contains("\(attribute)_\(counter)") { counter += 1 }
                        attribute = "\(attribute)_\(counter)"
                    }
                    attributeNames.insert(attribute)
                    output += " \(attribute)=\""
                    Self.appendEscaped(Self.text(of: member), to: &output, inAttribute: true)
                    output += "\""
                } else if key == options.textKey {
                    text += Self.text(of: member)
                } else if member != .array([]) {
                    children.append((key, member))
                }
            }
            if text.isEmpty && children.isEmpty {
                output += "/>"
                return
            }
            output += ">"
            Self.appendEscaped(text, to: &output, inAttribute: false)
            for (key, member) in children { try writeMember(key, member, level: level + 1) }
            if !children.isEmpty { newline(level: level) }
            output += "</\(tag)>"
        }
    }

    private func isAttribute(_ key: String) -> Bool {
        !options.attributePrefix.isEmpty && key.hasPrefix(options.attributePrefix) && key != options.textKey
    }

    /// Starts a new line at `level` when pretty printing (not before the first element of the document).
    private mutating func newline(level: Int) {
        guard options.prettyPrint, let last = output.utf8.last else { return }
        if last != ConverterByte.lineFeed { output += "\n" }
        for _ in 0..<level { output += options.indentation }
    }

    /// The text of a value: strings as they are, numbers as JavaScript writes them, containers as JSON.
    private static func text(of value: JSON) -> String {
        switch value {
        case .null: return ""
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return JSONNumber.format(number)
        case .string(let string): return string
        case .array, .object: return value.serialized()
        }
    }

    /// Appends `text` escaped for element content or for a double-quoted attribute value.
    static func appendEscaped(_ text: String, to output: inout String, inAttribute: Bool) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\r": output += "&#13;"
            case "\"" where inAttribute: output += "&quot;"
            case "\t" where inAttribute: output += "&#9;"
            case "\n" where inAttribute: output += "&#10;"
            default:
                if XMLDocumentReader.isXMLCharacter(scalar.value) {
                    output.unicodeScalars.append(scalar)
                } else {
                    output += "\u{FFFD}"
                }
            }
        }
    }
}
