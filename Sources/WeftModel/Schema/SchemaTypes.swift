import WeftJSON

/// A set of JSON Schema type names, as the `type` keyword lists them.
struct SchemaTypes: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    static let null = SchemaTypes(rawValue: 1 << 0)
    static let boolean = SchemaTypes(rawValue: 1 << 1)
    static let integer = SchemaTypes(rawValue: 1 << 2)
    static let number = SchemaTypes(rawValue: 1 << 3)
    static let string = SchemaTypes(rawValue: 1 << 4)
    static let array = SchemaTypes(rawValue: 1 << 5)
    static let object = SchemaTypes(rawValue: 1 << 6)

    /// The names in the order messages list them.
    private static let named: [(SchemaTypes, String)] = [
        (.string, "string"), (.number, "number"), (.integer, "integer"), (.boolean, "boolean"),
        (.object, "object"), (.array, "array"), (.null, "null"),
    ]

    /// The type a schema names, or `nil` for a name JSON Schema does not define.
    init?(name: String) {
        guard let match = Self.named.first(where: { $0.1 == name }) else { return nil }
        self = match.0
    }

    /// Whether `value` is of one of these types; a whole number counts as an `integer`.
    func matches(_ value: JSON) -> Bool {
        switch value {
        case .null: contains(.null)
        case .bool: contains(.boolean)
        case .number(let number):
            contains(.number) || (contains(.integer) && number.isFinite && number.rounded(.towardZero) == number)
        case .string: contains(.string)
        case .array: contains(.array)
        case .object: contains(.object)
        }
    }

    /// The types for people: "a string", "a string or null", "a string, an integer or null".
    var phrase: String {
        var names: [String] = []
        for (type, name) in Self.named where contains(type) {
            // "a number or an integer" says no more than "a number".
            if type == .integer && contains(.number) { continue }
            names.append(Self.withArticle(name))
        }
        switch names.count {
        case 0: return "nothing"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " or " + names[names.count - 1]
        }
    }

    /// A type name with its article: "a string", "an object", "null".
    static func withArticle(_ name: String) -> String {
        switch name {
        case "null": "null"
        case "integer", "object", "array": "an \(name)"
        default: "a \(name)"
        }
    }
}
