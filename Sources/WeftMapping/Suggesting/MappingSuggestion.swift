/// One suggested mapping: which source field feeds which target field, how sure the suggester is and why.
public struct MappingSuggestion: Sendable, Hashable {
    /// The source field's dot path (`line_items[].sku`).
    public var source: String
    /// The target field's dot path (`salesOrderLines[].itemId`).
    public var target: String
    /// How sure the suggester is, from 0 to 1, rounded to two decimals.
    public var confidence: Double
    /// Why, in words: one reason per signal that counted.
    public var reasons: [String]

    /// A suggestion from its parts.
    public init(source: String, target: String, confidence: Double, reasons: [String]) {
        self.source = source
        self.target = target
        self.confidence = confidence
        self.reasons = reasons
    }

    /// Whether the suggestion is applied automatically or proposed for review.
    public var status: SuggestionStatus { SuggestionStatus(confidence: confidence) }
}
