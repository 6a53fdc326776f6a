/// Something that suggests how the fields of one schema fill the fields of another.
///
/// ``DeterministicSuggester`` is the built-in implementation: offline, repeatable, explainable. Another (a
/// language model behind a provider, say) can take its place behind this protocol; its suggestions keep the same
/// shape and the same thresholds.
public protocol MappingSuggester: Sendable {
    /// Suggestions for the fields of `target`, filled from the fields of `source`: at most one per target field,
    /// each with a confidence of at least ``SuggestionStatus/reviewThreshold``, sorted by target path.
    func suggest(from source: SchemaFields, to target: SchemaFields) async throws -> [MappingSuggestion]
}
