/// Bounds on the work one regular-expression search may do.
///
/// A *step* is one unit of matcher work: executing one instruction, examining one character in a
/// repetition scan, or resuming one backtracking alternative. The count covers a whole
/// ``JSRegex/firstMatch(in:from:limits:)`` call, across every start position it tries, so the time a call
/// takes is proportional to `maxSteps` whatever the pattern. Linear patterns over long inputs need about one
/// step per character: callers matching very long strings should scale the budget with
/// ``scaled(forInputLength:)``.
struct RegexLimits: Sendable, Equatable {
    /// The most steps one search may take before it fails with ``RegexBudgetExceeded``.
    var maxSteps: Int

    /// Creates limits; the default budget is one million steps.
    init(maxSteps: Int = 1_000_000) {
        self.maxSteps = maxSteps
    }

    /// The default limits: one million steps.
    static let `default` = RegexLimits()

    /// Limits that leave room for linear work over an input of `length` characters: the larger of
    /// `maxSteps` and `factor` steps per character.
    func scaled(forInputLength length: Int, factor: Int = 8) -> RegexLimits {
        let (product, overflow) = length.multipliedReportingOverflow(by: factor)
        return RegexLimits(maxSteps: overflow ? Int.max : max(maxSteps, product))
    }
}
