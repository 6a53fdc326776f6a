/// A flow written by ``FlowGenerator``: its text and what went into its mapping.
public struct GeneratedFlow: Sendable {
    /// The flow file's text (YAML with comments), ready to be saved and validated.
    public var text: String
    /// The flow's id.
    public var flowId: String
    /// Every suggestion made between the source's output and the target's input, sorted by target.
    public var suggestions: [MappingSuggestion]
    /// The target fields the target requires that nothing was suggested for (dot paths).
    public var unmatchedRequired: [String]

    /// The suggestions written as mapping (confidence of 0.80 or more).
    public var accepted: [MappingSuggestion] { suggestions.filter { $0.status == .auto } }
    /// The suggestions written as commented-out lines for review.
    public var forReview: [MappingSuggestion] { suggestions.filter { $0.status == .review } }
}
