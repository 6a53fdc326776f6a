/// The JSON types a field may hold, as a JSON Schema's `type` names them, plus what its array elements hold.
public struct FieldType: Sendable, Hashable, CustomStringConvertible {
    /// The JSON Schema type names this field allows (`string`, `number`, `integer`, `boolean`, `object`, `array`),
    /// without `null`. Empty when the schema does not say.
    public var names: Set<String>
    /// The `format` keyword (`date-time`, `email`, `uuid`, ...), when there is one.
    public var format: String?
    /// For an array: the type of its elements.
    public var elementNames: Set<String>

    /// A type from its JSON Schema type names, format and element type names.
    public init(names: Set<String>, format: String? = nil, elementNames: Set<String> = []) {
        self.names = names
        self.format = format
        self.elementNames = elementNames
    }

    /// Whether the field holds an object (and nothing else).
    public var isObject: Bool { names == ["object"] }
    /// Whether the field holds an array (and nothing else).
    public var isArray: Bool { names == ["array"] }
    /// Whether the field holds an array of objects.
    public var isArrayOfObjects: Bool { isArray && elementNames.contains("object") }
    /// Whether the field holds a plain value: a string, number, integer or Boolean (or an unknown type).
    public var isScalar: Bool { !names.contains("object") && !names.contains("array") }
    /// Whether the field holds a number (integer or not).
    public var isNumeric: Bool { !names.isEmpty && names.isSubset(of: ["number", "integer"]) }

    /// The type as the mapping pairs write it: `string(date-time)`, `array<object>`, `object|string`.
    public var description: String {
        let main = names.isEmpty ? "any" : names.sorted().joined(separator: "|")
        if isArray {
            let element = elementNames.isEmpty ? "any" : elementNames.sorted().joined(separator: "|")
            return "array<\(element)>"
        }
        if let format { return "\(main)(\(format))" }
        return main
    }
}
