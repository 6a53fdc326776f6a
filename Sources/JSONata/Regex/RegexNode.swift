/// The syntax tree of a parsed regular expression, before compilation.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One scalar value (not yet case-folded).
    case character(UInt32)
    /// `.`
    case dot
    /// A character class or class escape: member ranges and whether the class is negated.
    case characterClass([ClosedRange<UInt32>], negated: Bool)
    /// Terms matched one after the other.
    case sequence([RegexNode])
    /// Alternatives, tried in order.
    case alternation([RegexNode])
    /// A capturing group with its 1-based number.
    case group(RegexNode, index: Int)
    /// A quantified atom; `max` is `Int.max` when unbounded.
    case quantified(RegexNode, min: Int, max: Int, greedy: Bool)
    /// A zero-width assertion.
    case assertion(Assertion)
    /// A lookahead or lookbehind.
    case lookaround(RegexNode, behind: Bool, negative: Bool)
    /// A backreference to a capture group (1-based).
    case backreference(Int)

    /// The zero-width assertions that are not lookarounds.
    enum Assertion: Sendable {
        /// `^`
        case start
        /// `$`
        case end
        /// `\b`
        case wordBoundary
        /// `\B`
        case notWordBoundary
    }

    /// Whether the node matches exactly one character: a character, `.` or a class.
    var isSingleCharacter: Bool {
        switch self {
        case .character, .dot, .characterClass: true
        default: false
        }
    }

    /// Whether the node can match without consuming input (conservatively `true` when unsure).
    var canMatchEmpty: Bool {
        switch self {
        case .empty, .assertion, .lookaround, .backreference: true
        case .character, .dot, .characterClass: false
        case .sequence(let items): items.allSatisfy(\.canMatchEmpty)
        case .alternation(let items): items.contains(where: \.canMatchEmpty)
        case .group(let inner, _): inner.canMatchEmpty
        case .quantified(let inner, let min, _, _): min == 0 || inner.canMatchEmpty
        }
    }

    /// The lowest and highest capture group numbers inside the node, if it contains any.
    var captureRange: ClosedRange<Int>? {
        switch self {
        case .empty, .character, .dot, .characterClass, .assertion, .backreference: return nil
        case .group(let inner, let index):
            guard let range = inner.captureRange else { return index...index }
            return min(index, range.lowerBound)...max(index, range.upperBound)
        case .quantified(let inner, _, _, _), .lookaround(let inner, _, _): return inner.captureRange
        case .sequence(let items), .alternation(let items):
            var result: ClosedRange<Int>?
            for item in items {
                guard let range = item.captureRange else { continue }
                result =
                    result.map { min($0.lowerBound, range.lowerBound)...max($0.upperBound, range.upperBound) }
                    ?? range
            }
            return result
        }
    }
}
