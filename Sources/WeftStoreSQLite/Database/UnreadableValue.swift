/// A stored value that is not what this code wrote: a missing column, another type, JSON that does not parse.
struct UnreadableValue: Error {
    /// The column it was read from.
    var column: String
}
