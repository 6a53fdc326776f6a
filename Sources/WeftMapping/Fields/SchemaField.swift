import WeftJSON

/// One field of a flattened JSON Schema: where it is, what it holds and what the schema says about it.
public struct SchemaField: Sendable, Hashable {
    /// The dot path, with `[]` after an array's name for its elements: `line_items[].sku`.
    public var path: String
    /// The property names along the path, from the root: `["line_items", "sku"]`.
    public var names: [String]
    /// For each name in ``names``: whether that property is an array whose elements the path goes into.
    public var entersArray: [Bool]
    /// The JSON types the field holds.
    public var type: FieldType
    /// The schema's `description` (or `title` when there is no description).
    public var description: String?
    /// The values of an `enum` (or a `const`), when the schema lists them.
    public var enumValues: [JSON]
    /// The schema's `example`, `examples` and `default` values.
    public var examples: [JSON]
    /// Whether the field's parent object lists it as `required`.
    public var isRequired: Bool
    /// Whether the schema marks the field `readOnly`.
    public var isReadOnly: Bool
    /// Whether the field's parent is an object (not the root, not an array) that has an `id` of its own: a
    /// related record rather than a part of this one.
    public var isInRelatedRecord: Bool

    /// A field from its parts; ``path`` is derived from `names` and `entersArray`.
    public init(
        names: [String], entersArray: [Bool], type: FieldType, description: String? = nil, enumValues: [JSON] = [],
        examples: [JSON] = [], isRequired: Bool = false, isReadOnly: Bool = false, isInRelatedRecord: Bool = false
    ) {
        self.names = names
        self.entersArray = entersArray
        self.path = SchemaField.path(names: names, entersArray: entersArray)
        self.type = type
        self.description = description
        self.enumValues = enumValues
        self.examples = examples
        self.isRequired = isRequired
        self.isReadOnly = isReadOnly
        self.isInRelatedRecord = isInRelatedRecord
    }

    /// The last property name: `sku` for `line_items[].sku`.
    public var name: String { names.last ?? "" }

    /// How many array levels the field is inside (not counting its own array type).
    public var arrayDepth: Int { entersArray.dropLast().filter { $0 }.count }

    /// The path of the closest array the field is inside, with its `[]`: `line_items[]`; `nil` at the record level.
    public var enclosingArrayPath: String? {
        guard let last = entersArray.dropLast().lastIndex(of: true) else { return nil }
        return SchemaField.path(names: Array(names[...last]), entersArray: Array(entersArray[...last])) + "[]"
    }

    /// The dot path of `names`, with `[]` after each name that enters an array.
    static func path(names: [String], entersArray: [Bool]) -> String {
        var text = ""
        for (index, name) in names.enumerated() {
            if index > 0 { text += "." }
            text += name
            if index < names.count - 1, entersArray[index] { text += "[]" }
        }
        return text
    }
}
