import WeftJSON
import WeftRuntime

/// An action's body as `application/x-www-form-urlencoded`: each field of the body object a `name=value` pair;
/// nested objects and lists in brackets — `address[city]=Paris`, `expand[]=customer`, `items[0][price]=p_1` — the
/// way Stripe, Twilio and most form-taking APIs read them. `null` fields are left out; `true`/`false` and numbers
/// are written as in JSON.
enum FormBody {
    /// The encoded body, or a failure naming what cannot be a form (a body that is not an object).
    static func encode(_ value: JSON, action: String) throws(StepFailure) -> [UInt8] {
        guard case .object(let object) = value else {
            throw StepFailure(
                .validation, "the body of `\(action)` is \(value.typeName); a form body must be an object",
                retryable: false)
        }
        var pairs: [(String, String)] = []
        for (name, field) in object { append(field, as: name, to: &pairs) }
        let text = pairs.map { PercentEncoding.formEncode($0.0) + "=" + PercentEncoding.formEncode($0.1) }
            .joined(separator: "&")
        return Array(text.utf8)
    }

    private static func append(_ value: JSON, as name: String, to pairs: inout [(String, String)]) {
        switch value {
        case .null: return
        case .string(let text): pairs.append((name, text))
        case .bool(let flag): pairs.append((name, flag ? "true" : "false"))
        case .number: pairs.append((name, value.serialized()))
        case .object(let object):
            for (key, field) in object { append(field, as: "\(name)[\(key)]", to: &pairs) }
        case .array(let elements):
            let scalars = elements.allSatisfy { element in
                switch element {
                case .object, .array: return false
                default: return true
                }
            }
            for (index, element) in elements.enumerated() {
                append(element, as: scalars ? "\(name)[]" : "\(name)[\(index)]", to: &pairs)
            }
        }
    }
}
