import WeftJSON

/// What documentation can tell about the structure of a value a flow handles: whether it is a list (so a mapping
/// over it maps each element, written `items[]`), an object with some known fields, a single value, or unknown.
/// Only what the flow itself shows counts: its expressions, its steps' kinds, the app manifests' output schemas
/// and the sample messages of its tests. When nothing shows it, the shape is `unknown` and no list is claimed.
indirect enum ValueShape: Sendable, Equatable {
    case unknown
    /// A string, number or Boolean.
    case scalar
    /// A list, with the shape of its elements.
    case list(ValueShape)
    /// An object; fields not listed are unknown.
    case object([String: ValueShape])

    /// Whether the value is known to be a list.
    var isList: Bool {
        if case .list = self { return true }
        return false
    }

    /// The shape of each element: a list's elements, or the value itself (JSONata maps over a single value as
    /// over a list of one).
    var element: ValueShape {
        if case .list(let element) = self { return element }
        return self
    }

    /// The shape of the path step `.name`: an object's field, or over a list, the field of each element, flattened
    /// into one list as JSONata does.
    func field(_ name: String) -> ValueShape {
        switch self {
        case .object(let fields): return fields[name] ?? .unknown
        case .list(let element):
            if case .list(let inner) = element.field(name) { return .list(inner) }
            return .list(element.field(name))
        case .scalar, .unknown: return .unknown
        }
    }

    /// The shape of a value that is one of two: what both agree on, unknown where they disagree. Two lists are a
    /// list; what their elements show adds up, as an empty list (`[]`) shows nothing about them.
    static func either(_ first: ValueShape, _ second: ValueShape) -> ValueShape {
        switch (first, second) {
        case (.scalar, .scalar): return .scalar
        case (.list(let a), .list(let b)): return .list(combining(a, b))
        case (.object(let a), .object(let b)):
            return .object(a.merging(b) { either($0, $1) })
        default: return first == second ? first : .unknown
        }
    }

    /// Two pieces of evidence about the same value (two sample messages): like ``either(_:_:)``, except that a
    /// value seen in one sample only (unknown in the other) counts.
    static func combining(_ first: ValueShape, _ second: ValueShape) -> ValueShape {
        switch (first, second) {
        case (.unknown, let known), (let known, .unknown): return known
        case (.list(let a), .list(let b)): return .list(combining(a, b))
        case (.object(let a), .object(let b)): return .object(a.merging(b) { combining($0, $1) })
        default: return either(first, second)
        }
    }

    /// The shape of a sample value; `null` tells nothing.
    init(sample: JSON) {
        switch sample {
        case .null: self = .unknown
        case .bool, .number, .string: self = .scalar
        case .array(let items): self = .list(items.map(ValueShape.init(sample:)).reduce(.unknown, ValueShape.combining))
        case .object(let members):
            var fields: [String: ValueShape] = [:]
            for (key, value) in members { fields[key] = ValueShape(sample: value) }
            self = .object(fields)
        }
    }

    /// The shape a JSON Schema describes, following `$ref`s to `#/schemas/<name>` in `definitions` (an app's
    /// `schemas:`) a few levels deep.
    init(schema: JSON, definitions: [String: JSON], depth: Int = 0) {
        guard depth < 8, case .object(let keywords) = schema else {
            self = .unknown
            return
        }
        if case .string(let reference)? = keywords["$ref"] {
            let prefix = "#/schemas/"
            if reference.hasPrefix(prefix), let target = definitions[String(reference.dropFirst(prefix.count))] {
                self = ValueShape(schema: target, definitions: definitions, depth: depth + 1)
            } else {
                self = .unknown
            }
            return
        }
        let types: [String]
        switch keywords["type"] {
        case .string(let type)?: types = [type]
        case .array(let list)?: types = list.compactMap(\.stringValue).filter { $0 != "null" }
        default: types = keywords["properties"] != nil ? ["object"] : keywords["items"] != nil ? ["array"] : []
        }
        guard types.count == 1, let type = types.first else {
            self = .unknown
            return
        }
        switch type {
        case "array":
            self = .list(
                keywords["items"].map { ValueShape(schema: $0, definitions: definitions, depth: depth + 1) }
                    ?? .unknown)
        case "object":
            var fields: [String: ValueShape] = [:]
            if case .object(let properties)? = keywords["properties"] {
                for (name, property) in properties {
                    fields[name] = ValueShape(schema: property, definitions: definitions, depth: depth + 1)
                }
            }
            self = .object(fields)
        case "string", "number", "integer", "boolean": self = .scalar
        default: self = .unknown
        }
    }
}
