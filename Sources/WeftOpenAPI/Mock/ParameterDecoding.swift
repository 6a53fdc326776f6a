import Foundation
import WeftJSON

/// Turns parameter text (query, path, header, form fields) into the JSON values their schemas describe, so that
/// one JSON Schema validator checks them all.
enum ParameterDecoding {
    /// The pairs of a query string or a form body: split at `&` and `=`, `+` read as a space, percent-decoded.
    static func pairs(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The type a schema names, the first that is not `null` of a list.
    static func type(of schema: JSON) -> String? {
        switch schema["type"] {
        case .string(let name)?: return name
        case .array(let names)?: return names.compactMap(\.stringValue).first { $0 != "null" }
        default:
            if schema["items"] != nil { return "array" }
            if schema["properties"] != nil { return "object" }
            return nil
        }
    }

    /// The value of a parameter sent as `raw` (one text per occurrence), read as its schema's type; `nil` when
    /// the parameter is an object (deep objects and exploded objects are not read, so not checked).
    static func value(_ raw: [String], schema: JSON, parameter: JSON) -> JSON? {
        switch type(of: schema) {
        case "array":
            let items = schema["items"] ?? [:]
            var texts = raw
            if raw.count == 1, let separator = separator(parameter, items: items) {
                texts = raw[0].isEmpty ? [] : raw[0].components(separatedBy: separator)
            }
            return .array(texts.map { scalar($0, schema: items) })
        case "object":
            return nil
        default:
            return scalar(raw.last ?? "", schema: schema)
        }
    }

    /// The separator of a one-occurrence array parameter: Swagger 2.0's `collectionFormat`, OpenAPI 3's `style`
    /// (`pipeDelimited`, `spaceDelimited`), or a comma; `nil` when each value is its own item (`multi`, or an
    /// exploded form of strings).
    private static func separator(_ parameter: JSON, items: JSON) -> String? {
        switch parameter["collectionFormat"]?.stringValue {
        case "multi"?: return nil
        case "ssv"?: return " "
        case "tsv"?: return "\t"
        case "pipes"?: return "|"
        case "csv"?: return ","
        default: break
        }
        switch parameter["style"]?.stringValue {
        case "pipeDelimited"?: return "|"
        case "spaceDelimited"?: return " "
        default: break
        }
        let exploded = parameter["explode"]?.boolValue ?? (parameter["in"] == "query" || parameter["in"] == "cookie")
        if parameter["in"] == "query" && exploded && parameter["collectionFormat"] == nil
            && parameter["schema"] != nil && type(of: items) == "string"
        {
            return nil
        }
        return ","
    }

    /// `text` as the scalar its schema describes: a number for `integer` and `number`, a Boolean for `true` and
    /// `false`; otherwise (or when it does not read as one) the text itself, which the validator then refuses.
    static func scalar(_ text: String, schema: JSON) -> JSON {
        switch type(of: schema) {
        case "integer", "number":
            if let number = Double(text), number.isFinite,
                text.allSatisfy({ $0.isNumber || "+-.eE".contains($0) })
            {
                return .number(number)
            }
        case "boolean":
            if text == "true" { return true }
            if text == "false" { return false }
        default:
            break
        }
        return .string(text)
    }
}
