/// A `pattern` or `patternProperties` regular expression (ECMAScript syntax), compiled once.
///
/// The matcher covers the syntax schemas use: alternation, groups, lookahead, greedy and lazy quantifiers,
/// classes with ranges, `\d \w \s \b` and their negations, and `\x \u \c` escapes. Back-references, lookbehind
/// and Unicode property classes are not supported: such a pattern is not checked (``matches(_:)`` says `nil`),
/// nor is a value that needs more than a step budget to decide.
struct SchemaPattern: Sendable {
    /// The pattern as the schema wrote it.
    let source: String
    private let expression: RegexNode?
    private let anchoredAtStart: Bool

    /// The most steps one match may take before it is given up as undecided.
    static let stepBudget = 200_000

    init(_ source: String) {
        self.source = source
        var parser = RegexParser(source)
        expression = parser.parse()
        if case .sequence(let nodes)? = expression, case .start? = nodes.first {
            anchoredAtStart = true
        } else if case .start? = expression {
            anchoredAtStart = true
        } else {
            anchoredAtStart = false
        }
    }

    /// Whether the pattern matches somewhere in `text`, or `nil` when that cannot be decided.
    func matches(_ text: String) -> Bool? {
        guard let expression else { return nil }
        let matcher = RegexMatcher(text)
        do {
            for start in 0...matcher.scalars.count {
                if try matcher.match(expression, start, { _ throws(RegexMatcher.GiveUp) in true }) { return true }
                if anchoredAtStart { break }
            }
            return false
        } catch {
            return nil
        }
    }
}
