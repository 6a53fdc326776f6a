import Foundation
import WeftJSON
import WeftModel

/// Quoting for the text of a generated flow: YAML scalars in block and flow context, JSONata names and keys,
/// comments, confidences.
enum FlowYAML {
    /// A string as a YAML scalar in block context (`key: value`): plain when YAML reads it back unchanged.
    static func blockScalar(_ text: String) -> String {
        YAMLWriter.scalar(text)
    }

    /// A string as a YAML scalar inside a flow collection (`{ key: value }`): plain only when it has none of the
    /// flow indicators, single-quoted when that is enough, double-quoted otherwise.
    static func flowScalar(_ text: String) -> String {
        let plain = YAMLWriter.scalar(text)
        if plain == text, !text.contains(where: { ",[]{}".contains($0) }) { return text }
        if !text.contains("'"), !text.contains(where: \.isNewline) { return "'" + text + "'" }
        return JSON.string(text).serialized()
    }

    /// A value template written back in flow style: expressions as quoted strings, literals as JSON.
    static func flowValue(_ template: ValueTemplate) -> String {
        switch template {
        case .expression(let expression): return flowScalar(expression.source)
        case .literal(let json): return json.serialized()
        case .array(let items): return "[" + items.map(flowValue).joined(separator: ", ") + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{ " + members.map { flowScalar($0.key) + ": " + flowValue($0.value) }.joined(separator: ", ") + " }"
        }
    }

    /// A field name as a JSONata path step: bare when it is a plain name, in backticks otherwise.
    static func jsonataName(_ name: String) -> String {
        let keywords: Set<String> = ["and", "or", "in", "true", "false", "null", "function"]
        let isPlain =
            name.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } && !keywords.contains(name)
        return isPlain ? name : "`" + name.replacingOccurrences(of: "`", with: "") + "`"
    }

    /// A key of a JSONata object constructor: a JSON string.
    static func jsonataKey(_ name: String) -> String {
        JSON.string(name).serialized()
    }

    /// Text that is safe inside a JSONata `/* ... */` comment and on one line.
    static func jsonataComment(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "*/", with: "* /")
    }

    /// Text on one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A confidence with two decimals: `0.93`.
    static func confidence(_ value: Double) -> String {
        String(format: "%.2f", value)
    }
}
