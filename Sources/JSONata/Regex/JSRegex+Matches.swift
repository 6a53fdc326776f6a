extension JSRegex {
    /// Whether the pattern matches anywhere in `text`.
    func isMatch(in text: [Unicode.Scalar], limits: RegexLimits = .default) throws(RegexBudgetExceeded) -> Bool {
        try firstMatch(in: text, limits: limits) != nil
    }

    /// Every match in `text`, left to right, as JavaScript's global matching finds them: the search resumes
    /// where the previous match ended, or one character further after an empty match.
    ///
    /// The step budget in `limits` applies to the whole call, not to each match.
    func matches(in text: [Unicode.Scalar], limits: RegexLimits = .default) throws(RegexBudgetExceeded)
        -> [RegexMatch]
    {
        try withMatcher(text, limits) { (matcher: inout RegexMatcher) throws(RegexBudgetExceeded) in
            var result: [RegexMatch] = []
            var start = 0
            while start <= text.count, let match = try matcher.firstMatch(from: start) {
                result.append(match)
                start = match.range.isEmpty ? match.range.upperBound + 1 : match.range.upperBound
            }
            return result
        }
    }
}
