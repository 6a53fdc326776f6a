import Collections
import WeftJSON

/// How values of type `Value` are written in Weft's files: their JSON Schema, and how to read them from a
/// located YAML value with diagnostics. Specs are the one source of truth for the formats: reading,
/// validation and the published JSON Schema all come from them.
public struct Spec<Value> {
    /// The value's JSON Schema (named object types are added to the builder's `$defs`).
    public let schema: (inout SchemaBuilder) -> JSON
    /// Reads a value, reporting problems; nil when the value cannot be read at all.
    public let read: (Located, inout SpecReader) -> Value?

    /// Creates a spec from its two halves.
    public init(
        schema: @escaping (inout SchemaBuilder) -> JSON, read: @escaping (Located, inout SpecReader) -> Value?
    ) {
        self.schema = schema
        self.read = read
    }

    /// The same spec with a different JSON Schema description.
    public func map<Other>(_ transform: @escaping (Value) -> Other) -> Spec<Other> {
        let read = self.read
        return Spec<Other>(schema: schema) { value, reader in read(value, &reader).map(transform) }
    }
}

extension Spec where Value == String {
    /// Any string; `check` may reject it with a message.
    public static func string(
        pattern: String? = nil, check: ((String) -> String?)? = nil, hint: String? = nil
    ) -> Spec<String> {
        Spec(
            schema: { _ in
                var schema: JSONObject = ["type": "string"]
                if let pattern { schema["pattern"] = .string(pattern) }
                return .object(schema)
            },
            read: { value, reader in
                guard let text = value.string else {
                    reader.typeMismatch(expected: "a string", found: value)
                    return nil
                }
                if let problem = check?(text) {
                    reader.error("invalid-value", problem, at: value.location, hint: hint)
                    return nil
                }
                return text
            })
    }

    /// A name such as a flow, step or connection id: lowercase letters, digits, `_` and `-`, starting with a letter.
    public static var identifier: Spec<String> {
        .string(
            pattern: "^[a-z][a-z0-9_-]*$",
            check: { Identifier.isValid($0) ? nil : "`\($0)` is not a valid name" },
            hint: "use lowercase letters, digits, `_` and `-`, starting with a letter")
    }
}

/// Rules for the names of flows, steps, apps, actions and connections.
public enum Identifier {
    /// Whether `name` is lowercase letters, digits, `_` and `-`, starting with a letter.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }
}

extension Spec where Value == Int {
    /// An integer within bounds.
    public static func integer(minimum: Int? = nil, maximum: Int? = nil) -> Spec<Int> {
        Spec(
            schema: { _ in
                var schema: JSONObject = ["type": "integer"]
                if let minimum { schema["minimum"] = .number(Double(minimum)) }
                if let maximum { schema["maximum"] = .number(Double(maximum)) }
                return .object(schema)
            },
            read: { value, reader in
                guard case .number(let number) = value.kind, number == number.rounded(), abs(number) < 1e15 else {
                    reader.typeMismatch(expected: "a whole number", found: value)
                    return nil
                }
                let integer = Int(number)
                if let minimum, integer < minimum {
                    reader.error("out-of-range", "\(integer) is less than the minimum, \(minimum)", at: value.location)
                }
                if let maximum, integer > maximum {
                    reader.error("out-of-range", "\(integer) is more than the maximum, \(maximum)", at: value.location)
                }
                return integer
            })
    }
}

extension Spec where Value == Int {
    /// `weft: 1`, the only format version this Weft reads.
    public static var formatVersion: Spec<Int> {
        let integer = Spec<Int>.integer(minimum: 1, maximum: 1)
        return Spec(schema: integer.schema) { value, reader in
            if case .number(let number) = value.kind, number != 1 {
                reader.error(
                    "unsupported-version", "format version \(value.json.serialized()) is not supported",
                    at: value.location, hint: "this version of Weft reads `weft: 1` files")
                return nil
            }
            return integer.read(value, &reader)
        }
    }
}

extension Spec where Value == Double {
    /// Any finite number.
    public static var number: Spec<Double> {
        Spec(
            schema: { _ in ["type": "number"] },
            read: { value, reader in
                guard case .number(let number) = value.kind, number.isFinite else {
                    reader.typeMismatch(expected: "a number", found: value)
                    return nil
                }
                return number
            })
    }
}

extension Spec where Value == Bool {
    /// `true` or `false`.
    public static var boolean: Spec<Bool> {
        Spec(
            schema: { _ in ["type": "boolean"] },
            read: { value, reader in
                guard case .bool(let bool) = value.kind else {
                    reader.typeMismatch(expected: "true or false", found: value)
                    return nil
                }
                return bool
            })
    }
}

extension Spec where Value == JSON {
    /// Any value, taken as JSON.
    public static var json: Spec<JSON> {
        Spec(schema: { _ in [:] }, read: { value, _ in value.json })
    }
}

extension Spec {
    /// One of the raw values of a string enumeration.
    public static func enumeration(_ type: Value.Type) -> Spec<Value>
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        let names = Value.allCases.map(\.rawValue)
        return Spec(
            schema: { _ in ["type": "string", "enum": .array(names.map(JSON.string))] },
            read: { value, reader in
                guard let text = value.string else {
                    reader.typeMismatch(
                        expected: "one of " + names.map { "`\($0)`" }.joined(separator: ", "), found: value)
                    return nil
                }
                guard let result = Value(rawValue: text) else {
                    reader.error(
                        "invalid-value", "`\(text)` is not allowed here", at: value.location,
                        hint: Suggestion.hint(for: text, among: names, noun: "value"))
                    return nil
                }
                return result
            })
    }

    /// A list of values.
    public static func array<Element>(of element: Spec<Element>, minimum: Int = 0) -> Spec<[Element]>
    where Value == [Element] {
        Spec(
            schema: { builder in
                var schema: JSONObject = ["type": "array", "items": element.schema(&builder)]
                if minimum > 0 { schema["minItems"] = .number(Double(minimum)) }
                return .object(schema)
            },
            read: { value, reader in
                guard case .array(let items) = value.kind else {
                    reader.typeMismatch(expected: "a list", found: value)
                    return nil
                }
                if items.count < minimum {
                    reader.error(
                        "too-few-items", "expected at least \(minimum) item\(minimum == 1 ? "" : "s")",
                        at: value.location)
                }
                return items.compactMap { element.read($0, &reader) }
            })
    }

    /// A mapping from names (checked with `key`) to values, in file order.
    public static func map<Element>(of element: Spec<Element>, key: Spec<String> = .string()) -> Spec<
        OrderedDictionary<String, Element>
    > where Value == OrderedDictionary<String, Element> {
        Spec(
            schema: { builder in
                var schema: JSONObject = ["type": "object", "additionalProperties": element.schema(&builder)]
                if case .object(let keySchema) = key.schema(&builder), let pattern = keySchema["pattern"] {
                    schema["propertyNames"] = ["pattern": pattern]
                }
                return .object(schema)
            },
            read: { value, reader in
                guard case .object(let members) = value.kind else {
                    reader.typeMismatch(expected: "a mapping", found: value)
                    return nil
                }
                var result = OrderedDictionary<String, Element>()
                for member in members {
                    _ = key.read(Located(.string(member.key, .plain), at: member.keyLocation), &reader)
                    if let item = element.read(member.value, &reader) { result[member.key] = item }
                }
                return result
            })
    }

    /// Chooses a spec by the shape of the value: a string, a mapping, a list, or a scalar.
    public static func either(
        string: Spec<Value>? = nil, object: Spec<Value>? = nil, array: Spec<Value>? = nil,
        scalar: Spec<Value>? = nil, expected: String
    ) -> Spec<Value> {
        let choices = [string, object, array, scalar].compactMap { $0 }
        return Spec(
            schema: { builder in
                let alternatives = choices.map { $0.schema(&builder) }
                return alternatives.count == 1 ? alternatives[0] : ["oneOf": .array(alternatives)]
            },
            read: { value, reader in
                let chosen: Spec<Value>?
                switch value.kind {
                case .string: chosen = string ?? scalar
                case .object: chosen = object
                case .array: chosen = array
                case .null, .bool, .number: chosen = scalar
                }
                guard let chosen else {
                    reader.typeMismatch(expected: expected, found: value)
                    return nil
                }
                return chosen.read(value, &reader)
            })
    }
}
