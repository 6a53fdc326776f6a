/// One row of a field mapping table: a target field, where its value comes from and how it is transformed.
public struct FieldMapping: Sendable, Equatable {
    /// The target field as a dot path; array elements are written `items[]`, as in `item.items[].quantity`.
    public var target: String
    /// The source fields the value reads, as paths (`created_at`, `line_items[].sku`, `$steps.customer.id`).
    public var sources: [String]
    /// The JSONata expression giving the value, on one line.
    public var expression: String
    /// The transformation in words: `copied`, `first 10 characters`, `upper-cased`, `concatenated`, ...
    public var transformation: String
    /// Who wrote the mapping: `written` by hand, or, for example, `suggested` when a mapping suggestion was
    /// accepted (see ``FlowDocumentation/init(flow:apps:origins:)``).
    public var origin: String

    /// Creates a row.
    public init(target: String, sources: [String], expression: String, transformation: String, origin: String) {
        self.target = target
        self.sources = sources
        self.expression = expression
        self.transformation = transformation
        self.origin = origin
    }

    /// Whether the value is copied as it is.
    public var isCopy: Bool { transformation == FieldMapping.copied }

    /// The wording of a plain copy.
    public static let copied = "copied"
    /// The origin of a mapping written by hand.
    public static let written = "written"
}
