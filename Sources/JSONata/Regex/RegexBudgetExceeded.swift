/// A regular-expression search that gave up because it reached its step budget (see ``RegexLimits``).
///
/// This is how a catastrophic pattern such as `(a+)+$` on a long non-matching input ends: with this error
/// after a bounded amount of work, never with an unbounded search.
struct RegexBudgetExceeded: Error, Sendable, Equatable, CustomStringConvertible {
    /// The steps taken when the search gave up.
    var steps: Int

    /// Creates an error.
    init(steps: Int) {
        self.steps = steps
    }

    var description: String { "regular expression exceeded its budget of matching steps (\(steps) steps)" }
}
