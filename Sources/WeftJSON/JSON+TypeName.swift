extension JSON {
    /// The JavaScript-style name of this value's type: `null`, `boolean`, `number`, `string`, `array` or
    /// `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
