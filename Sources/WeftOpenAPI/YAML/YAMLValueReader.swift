import WeftJSON
import Yams

/// Reads YAML text into a `JSON` value with Yams, without source locations.
///
/// OpenAPI documents run to megabytes, so plain scalars are resolved here by the YAML 1.2 core schema (null,
/// Booleans, integers, floats, else strings) instead of by Yams' regular-expression resolver; quoted and block
/// scalars are always strings. Mapping keys keep their text (`200:` is the key `"200"`). Aliases are expanded.
enum YAMLValueReader {
    /// The value of the single document in `text`.
    static func read(_ text: String) throws(YAMLReadError) -> JSON {
        let root: Node?
        do {
            root = try Parser(yaml: text, resolver: .basic).singleRoot()
        } catch {
            throw YAMLReadError(description: "\(error)")
        }
        guard let root else { return .null }
        return value(of: root)
    }

    private static func value(of node: Node) -> JSON {
        switch node {
        case .scalar(let scalar):
            // An untagged plain scalar has the implicit tag (an empty name) until something resolves it.
            let tag = scalar.tag.description
            return scalar.style == .plain && (tag.isEmpty || tag == Tag.Name.str.rawValue)
                ? plainValue(scalar.string) : .string(scalar.string)
        case .mapping(let mapping):
            var object = JSONObject(minimumCapacity: mapping.count)
            for (key, member) in mapping {
                object[keyText(key)] = value(of: member)
            }
            return .object(object)
        case .sequence(let sequence):
            var elements: [JSON] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence { elements.append(value(of: element)) }
            return .array(elements)
        case .alias:
            return .null
        }
    }

    private static func keyText(_ key: Node) -> String {
        switch key {
        case .scalar(let scalar): return scalar.string
        default: return value(of: key).serialized()
        }
    }

    /// A plain scalar by the YAML 1.2 core schema.
    static func plainValue(_ text: String) -> JSON {
        let utf8 = text.utf8
        guard let first = utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            if text == "null" || text == "Null" || text == "NULL" || text == "~" { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            if text == "true" || text == "True" || text == "TRUE" { return .bool(true) }
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            if text == "false" || text == "False" || text == "FALSE" { return .bool(false) }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            if let number = number(text) { return .number(number) }
        default:
            break
        }
        return .string(text)
    }

    /// An integer (decimal, `0x` hexadecimal, `0o` octal) or a float (`1.5`, `1e3`, `.inf`, `.nan`).
    private static func number(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return Double(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return Double(value) }
        var sawDigit = false
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        if utf8[index] == UInt8(ascii: "-") || utf8[index] == UInt8(ascii: "+") { index = utf8.index(after: index) }
        var seenDot = false
        var seenExponent = false
        while index < utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
            case UInt8(ascii: "."):
                guard !seenDot && !seenExponent else { return nil }
                seenDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit && !seenExponent else { return nil }
                seenExponent = true
                let next = utf8.index(after: index)
                if next < utf8.endIndex && (utf8[next] == UInt8(ascii: "-") || utf8[next] == UInt8(ascii: "+")) {
                    index = next
                }
            default:
                return nil
            }
            index = utf8.index(after: index)
        }
        guard sawDigit else { return nil }
        return Double(text)
    }
}

/// A YAML syntax error, as Yams describes it.
struct YAMLReadError: Error, CustomStringConvertible {
    let description: String
}
