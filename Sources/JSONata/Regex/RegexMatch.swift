/// One match of a ``JSRegex`` in a text.
///
/// Positions are indices into the `[Unicode.Scalar]` array that was searched.
struct RegexMatch: Sendable, Equatable {
    /// The matched part of the text.
    var range: Range<Int>
    /// The text matched by each capture group: `groups[0]` is group 1. A group that did not take part in the
    /// match is `nil`.
    var groups: [Range<Int>?]
}
