/// What happens to a suggestion, by its confidence.
public enum SuggestionStatus: String, Sendable, Hashable, CaseIterable {
    /// Confidence of at least ``SuggestionStatus/automaticThreshold``: applied automatically.
    case auto
    /// Confidence from ``SuggestionStatus/reviewThreshold`` up to the automatic threshold: proposed for review.
    case review

    /// The lowest confidence applied automatically.
    public static let automaticThreshold = 0.8
    /// The lowest confidence suggested at all; below it a match is dropped.
    public static let reviewThreshold = 0.3

    /// The status of a suggestion with `confidence` (at least the review threshold).
    public init(confidence: Double) {
        self = confidence >= Self.automaticThreshold ? .auto : .review
    }
}
