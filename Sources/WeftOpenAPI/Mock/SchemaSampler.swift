import WeftJSON
import WeftModel

/// Makes a value that conforms to a JSON Schema, the same value for the same seed and key.
///
/// The schema is expected self-contained, as ``OpenAPIDocument/schema(at:)`` gives it: references inlined and
/// cycles cut with a marker (`x-weft-ref`), which the sampler leaves out when it is optional and answers with
/// an empty object when it is required.
///
/// In order, a schema answers with: its `const`; when ``usesExamples`` is on, its `example`, the first of its
/// `examples`, or its `default`; one of its `enum` values; the merge of its `allOf` parts; its first
/// `oneOf`/`anyOf` branch that is not `null`; otherwise a value of its `type` (the first non-null type of a list,
/// or the type its keywords imply). Objects get their required properties and, while the value is shallow and
/// small, their optional ones (`writeOnly` ones are left out of responses, `readOnly` ones out of requests);
/// arrays get one to three items within `minItems`/`maxItems`, distinct when `uniqueItems` says so; numbers stay
/// within `minimum`/`maximum` (exclusive bounds in both the 3.0 and 3.1 forms) and on `multipleOf`; strings honour
/// `format` (`date-time`, `date`, `time`, `email`, `uuid`, `uri`, `uri-reference`, `hostname`, `ipv4`, `ipv6`,
/// `byte`, `binary`, `password`, `duration`), simple `pattern`s (see ``PatternSampler``), `minLength` and
/// `maxLength`, and take a hint from the property's name (`email`, `url`, `phone`, `currency`, `country`, …).
public struct SchemaSampler: Sendable {
    /// Which way the value travels: it decides whether `readOnly` or `writeOnly` properties are left out.
    public enum Direction: Sendable {
        /// A response body: `writeOnly` properties are left out.
        case response
        /// A request body or parameter: optional `readOnly` properties are left out.
        case request
    }

    /// Which way the values travel.
    public var direction: Direction
    /// Whether `example`, `examples` and `default` are answered as they are written (otherwise values are always
    /// generated).
    public var usesExamples: Bool
    /// About how many values one sample holds at most: past it, only required properties and minimal arrays are
    /// made (so huge schemas give bounded answers).
    public var budget: Int

    /// A sampler.
    public init(direction: Direction = .response, usesExamples: Bool = true, budget: Int = 1_500) {
        self.direction = direction
        self.usesExamples = usesExamples
        self.budget = budget
    }

    /// A value conforming to `schema`, the same for the same `seed` and `key` (such as a request's fingerprint).
    public func sample(_ schema: JSON, seed: UInt64, key: String = "") -> JSON {
        var random = MockRandom(seed: seed, key)
        return sample(schema, name: nil, random: &random)
    }

    /// A value conforming to `schema`, drawn from `random`; `name` is the property (or parameter) it is for.
    func sample(_ schema: JSON, name: String?, random: inout MockRandom) -> JSON {
        var run = Run(sampler: self, random: random)
        let value = run.value(schema, name: name, depth: 0)
        random = run.random
        return value
    }

    struct Run {
        let sampler: SchemaSampler
        var random: MockRandom
        var count = 0

        init(sampler: SchemaSampler, random: MockRandom) {
            self.sampler = sampler
            self.random = random
        }

        /// Whether optional parts are still made at this depth.
        func generous(_ depth: Int) -> Bool {
            depth < 6 && count < sampler.budget
        }

        mutating func value(_ schema: JSON, name: String?, depth: Int) -> JSON {
            count += 1
            guard case .object(var object) = schema else { return schema == .bool(false) ? .null : .string(word()) }
            if let constant = object["const"] { return constant }
            if sampler.usesExamples {
                if let example = object["example"] { return example }
                if case .array(let examples)? = object["examples"], let first = examples.first { return first }
                if let value = object["default"], value != .null { return value }
            }
            if case .array(let values)? = object["enum"] {
                let choices = values.filter { $0 != .null }
                if !choices.isEmpty { return random.pick(choices) }
                if !values.isEmpty { return .null }
            }
            if case .array(let parts)? = object.removeValue(forKey: "allOf") {
                return value(.object(Self.merged(object, parts)), name: name, depth: depth)
            }
            if case .array(let branches)? = object["oneOf"] {
                object.removeValue(forKey: "oneOf")
                return exclusive(object, branches, name: name, depth: depth)
            }
            if case .array(let branches)? = object.removeValue(forKey: "anyOf") {
                let branch = branches.first { !Self.isNullOnly($0) } ?? branches.first ?? [:]
                return value(.object(Self.merged(object, [branch])), name: name, depth: depth)
            }
            switch Self.type(of: object) {
            case "object": return .object(members(object, depth: depth))
            case "array": return .array(items(object, name: name, depth: depth))
            case "integer", "int", "long": return integer(object, name: name)
            case "number", "float", "double": return number(object)
            case "boolean": return .bool(random.int(in: 0...1) == 1)
            case "null": return .null
            case "string": return .string(string(object, name: name))
            default: return object["x-weft-ref"] != nil ? .object([:]) : .string(text(for: name))
            }
        }

        /// A value for a `oneOf`: from the first branch (not `null`) whose value matches that branch alone, a few
        /// draws per branch (an integer also matches a `number` branch); the first branch's value when none does.
        mutating func exclusive(_ base: JSONObject, _ branches: [JSON], name: String?, depth: Int) -> JSON {
            let candidates = branches.filter { !Self.isNullOnly($0) }
            guard candidates.count > 1 else {
                let branch = candidates.first ?? branches.first ?? [:]
                return value(.object(Self.merged(base, [branch])), name: name, depth: depth)
            }
            let whole = JSONSchemaValidator(schema: .object(base.merging(["oneOf": .array(branches)]) { $1 }))
            var first: JSON?
            for branch in candidates {
                for _ in 0..<3 {
                    let made = value(.object(Self.merged(base, [branch])), name: name, depth: depth)
                    if whole.isValid(made) { return made }
                    if first == nil { first = made }
                }
            }
            return first ?? .null
        }

        /// Whether `schema` only allows `null` (a `oneOf` branch that stands for "nullable").
        static func isNullOnly(_ schema: JSON) -> Bool {
            schema["type"] == "null" || schema["enum"] == [.null]
        }

        /// Whether `schema` is a cut reference (a cycle or an expansion limit) with nothing else to go on.
        static func isCut(_ schema: JSON) -> Bool {
            schema["x-weft-ref"] != nil && schema["type"] == nil && schema["properties"] == nil
        }

        /// The type a schema names (the first that is not `null` of a list) or its keywords imply.
        static func type(of object: JSONObject) -> String? {
            switch object["type"] {
            case .string(let name)?: return name
            case .array(let names)?:
                let named = names.compactMap(\.stringValue)
                return named.first { $0 != "null" } ?? named.first
            default: break
            }
            if object["properties"] != nil || object["additionalProperties"] != nil || object["required"] != nil {
                return "object"
            }
            if object["items"] != nil || object["prefixItems"] != nil { return "array" }
            if object["format"] != nil || object["pattern"] != nil || object["minLength"] != nil
                || object["maxLength"] != nil
            {
                return "string"
            }
            if object["minimum"] != nil || object["maximum"] != nil || object["multipleOf"] != nil { return "number" }
            return nil
        }

        /// `base` with the `allOf` `parts` folded in: properties and `required` joined, other keywords taken from
        /// the first that has them.
        static func merged(_ base: JSONObject, _ parts: [JSON]) -> JSONObject {
            var result = base
            for part in parts {
                guard case .object(var object) = part else { continue }
                if case .array(let nested)? = object.removeValue(forKey: "allOf") {
                    object = merged(object, nested)
                }
                for (key, value) in object {
                    switch key {
                    case "properties":
                        var properties = result["properties"]?.objectValue ?? [:]
                        for (name, schema) in value.objectValue ?? [:] where properties[name] == nil {
                            properties[name] = schema
                        }
                        result["properties"] = .object(properties)
                    case "required":
                        var required = result["required"]?.arrayValue ?? []
                        for name in value.arrayValue ?? [] where !required.contains(name) { required.append(name) }
                        result["required"] = .array(required)
                    default:
                        if result[key] == nil { result[key] = value }
                    }
                }
            }
            return result
        }

        mutating func members(_ object: JSONObject, depth: Int) -> JSONObject {
            let properties = object["properties"]?.objectValue ?? [:]
            let required = Set((object["required"]?.arrayValue ?? []).compactMap(\.stringValue))
            var result = JSONObject()
            for (key, schema) in properties {
                let isRequired = required.contains(key)
                switch sampler.direction {
                case .response where schema["writeOnly"] == .bool(true) && !isRequired: continue
                case .request where schema["readOnly"] == .bool(true) && !isRequired: continue
                default: break
                }
                if !isRequired && (!generous(depth) || Self.isCut(schema)) { continue }
                result[key] = value(schema, name: key, depth: depth + 1)
            }
            for key in required.sorted() where result[key] == nil {
                result[key] = .string(text(for: key))
            }
            let minimum = object["minProperties"]?.numberValue.map { Int($0) } ?? 0
            if case .object(let additional)? = object["additionalProperties"] {
                let wanted = max(minimum, properties.isEmpty && generous(depth) ? 1 : 0)
                var index = 1
                while result.count < wanted {
                    let key = "key\(index)"
                    if result[key] == nil { result[key] = value(.object(additional), name: key, depth: depth + 1) }
                    index += 1
                }
            }
            while result.count < minimum {
                result["key\(result.count + 1)"] = .string(word())
            }
            return result
        }

        mutating func items(_ object: JSONObject, name: String?, depth: Int) -> [JSON] {
            let item = object["items"] ?? [:]
            let prefix = object["prefixItems"]?.arrayValue ?? (item.arrayValue ?? [])
            let minimum = object["minItems"]?.numberValue.map { Int($0) } ?? 0
            let maximum = object["maxItems"]?.numberValue.map { Int($0) }
            var count = generous(depth) && !Self.isCut(item) ? random.int(in: 1...3) : 0
            count = max(count, minimum, prefix.count > 0 && generous(depth) ? prefix.count : 0)
            if let maximum { count = min(count, maximum) }
            let unique = object["uniqueItems"] == .bool(true)
            var result: [JSON] = []
            var attempts = 0
            while result.count < count && attempts < count * 6 {
                attempts += 1
                let schema = result.count < prefix.count ? prefix[result.count] : (item.arrayValue == nil ? item : [:])
                let next = value(schema, name: name, depth: depth + 1)
                if unique && result.contains(next) && attempts < count * 6 - 1 { continue }
                result.append(next)
            }
            return result
        }

        mutating func integer(_ object: JSONObject, name: String?) -> JSON {
            var bounds = numericBounds(object, step: 1)
            if object["format"] == "int32" {
                bounds.low = max(bounds.low ?? -2_147_483_648, -2_147_483_648)
                bounds.high = min(bounds.high ?? 2_147_483_647, 2_147_483_647)
            }
            let isTime = object["format"] == "unix-time" || object["format"] == "timestamp"
            let low = (bounds.low ?? (bounds.high.map { $0 >= 1 ? 1 : $0 - 1000 } ?? (isTime ? 1_700_000_000 : 1)))
                .rounded(.up)
            var high = (bounds.high ?? (low + (isTime ? 60_000_000 : 999))).rounded(.down)
            if high < low { high = low }
            let span = min(high - low, 1_000_000_000)
            var result = low + Double(random.int(in: 0...Int(span)))
            if let step = object["multipleOf"]?.numberValue, step > 0 {
                result = (result / step).rounded(.up) * step
                if result > high { result = (high / step).rounded(.down) * step }
            }
            return .number(result)
        }

        mutating func number(_ object: JSONObject) -> JSON {
            let bounds = numericBounds(object, step: 0.01)
            let low = bounds.low ?? (bounds.high.map { $0 >= 1 ? 0 : $0 - 1000 } ?? 0)
            let high = max(bounds.high ?? (low + 1000), low)
            var result = ((low + random.unit() * (high - low)) * 100).rounded() / 100
            result = min(max(result, low), high)
            if let step = object["multipleOf"]?.numberValue, step > 0 {
                result = (result / step).rounded(.up) * step
                if result > high { result = (high / step).rounded(.down) * step }
            }
            return .number(result)
        }

        /// The inclusive bounds `minimum`, `maximum` and their exclusive forms (3.0 Booleans or 3.1 numbers) allow.
        func numericBounds(_ object: JSONObject, step: Double) -> (low: Double?, high: Double?) {
            var low = object["minimum"]?.numberValue
            var high = object["maximum"]?.numberValue
            switch object["exclusiveMinimum"] {
            case .bool(true)?: low = low.map { $0 + step }
            case .number(let bound)?: low = max(low ?? -.infinity, bound + step)
            default: break
            }
            switch object["exclusiveMaximum"] {
            case .bool(true)?: high = high.map { $0 - step }
            case .number(let bound)?: high = min(high ?? .infinity, bound - step)
            default: break
            }
            return (low, high)
        }

        mutating func string(_ object: JSONObject, name: String?) -> String {
            let minimum = object["minLength"]?.numberValue.map { Int($0) } ?? 0
            let maximum = object["maxLength"]?.numberValue.map { Int($0) }
            var text: String
            if let format = object["format"]?.stringValue, let formatted = formatted(format) {
                text = formatted
            } else if let pattern = object["pattern"]?.stringValue, let sampler = PatternSampler(pattern) {
                text = sampler.sample(using: &random)
                for _ in 0..<8 where text.count < minimum || text.count > (maximum ?? .max) {
                    text = sampler.sample(using: &random)
                }
                return text
            } else {
                text = self.text(for: name)
            }
            if let maximum, text.count > maximum { text = String(text.prefix(maximum)) }
            while text.count < minimum { text.append(random.pick(Self.letters)) }
            return text
        }

        static let letters = Array("abcdefghijklmnopqrstuvwxyz")
    }
}
