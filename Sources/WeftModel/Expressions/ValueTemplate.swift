import JSONata
import WeftJSON

/// A value computed from the message, such as a step's `input`: either one JSONata expression, or a YAML
/// structure whose string leaves are JSONata expressions (numbers, Booleans and null stay as written).
///
/// ```yaml
/// input: $steps.order                 # one expression
/// input: { email: customer.email, limit: 10 }   # a structure of expressions
/// ```
public indirect enum ValueTemplate: Sendable {
    case expression(WeftExpression)
    case object([(key: String, value: ValueTemplate)])
    case array([ValueTemplate])
    case literal(JSON)

    /// Evaluates every expression; members whose expression is undefined are left out.
    public func evaluate(_ input: JSON?, bindings: [String: JSON], options: EvaluationOptions) throws(JSONataError)
        -> JSON?
    {
        switch self {
        case .expression(let expression):
            return try expression.evaluate(input, bindings: bindings, options: options)
        case .literal(let json):
            return json
        case .array(let items):
            var result: [JSON] = []
            for item in items {
                if let value = try item.evaluate(input, bindings: bindings, options: options) { result.append(value) }
            }
            return .array(result)
        case .object(let members):
            var result = JSONObject(minimumCapacity: members.count)
            for member in members {
                if let value = try member.value.evaluate(input, bindings: bindings, options: options) {
                    result[member.key] = value
                }
            }
            return .object(result)
        }
    }

    /// Every expression inside, in order (for documentation and analysis).
    public var expressions: [(path: String, expression: WeftExpression)] {
        switch self {
        case .expression(let expression): return [("", expression)]
        case .literal: return []
        case .array(let items):
            return items.enumerated().flatMap { index, item in
                item.expressions.map { ("[\(index)]" + ($0.path.isEmpty ? "" : "." + $0.path), $0.expression) }
            }
        case .object(let members):
            return members.flatMap { member in
                member.value.expressions.map { (member.key + ($0.path.isEmpty ? "" : "." + $0.path), $0.expression) }
            }
        }
    }
}

extension Spec where Value == ValueTemplate {
    /// One JSONata expression, or a structure whose string leaves are expressions.
    public static var valueTemplate: Spec<ValueTemplate> {
        Spec(
            schema: { _ in [:] },
            read: { value, reader in read(value, &reader) })
    }

    private static func read(_ value: Located, _ reader: inout SpecReader) -> ValueTemplate? {
        switch value.kind {
        case .string(let text, _):
            return WeftExpression.compile(text, in: value, reader: &reader).map(ValueTemplate.expression)
        case .null, .bool, .number:
            return .literal(value.json)
        case .array(let items):
            return .array(items.compactMap { read($0, &reader) })
        case .object(let members):
            return .object(members.compactMap { member in read(member.value, &reader).map { (member.key, $0) } })
        }
    }
}
