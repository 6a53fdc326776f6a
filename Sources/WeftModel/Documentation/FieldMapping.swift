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
    /// Who wrote the mapping: ``FieldMapping/written`` (by hand), or ``FieldMapping/suggested(confidence:)`` when
    /// a mapping suggestion recorded in the step's `suggestions:` was accepted as it was (see also
    /// ``FlowDocumentation/init(flow:apps:origins:)``).
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
    public static let written = "written by hand"

    /// The origin of a mapping suggested with `confidence` and kept as suggested: `suggested (0.93) and accepted`.
    public static func suggested(confidence: Double) -> String {
        let hundredths = Int((confidence * 100).rounded())
        let text = hundredths >= 100 ? "1.00" : "0." + (hundredths < 10 ? "0" : "") + String(hundredths)
        return "suggested (\(text)) and accepted"
    }
}
