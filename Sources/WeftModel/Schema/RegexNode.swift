/// A parsed regular expression for `SchemaPattern`.
indirect enum RegexNode: Sendable {
    case empty
    /// One code point from a set.
    case scalar(RegexSet)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)
    case start
    case end
    case wordBoundary(negated: Bool)
    case lookahead(RegexNode, negated: Bool)
}

/// A set of code points: ranges, or everything outside them.
struct RegexSet: Sendable {
    var ranges: [ClosedRange<UInt32>]
    var negated = false

    func contains(_ scalar: UInt32) -> Bool {
        var found = false
        for range in ranges where range.contains(scalar) {
            found = true
            break
        }
        return found != negated
    }

    /// The ranges of the code points this set holds, whether it is negated or not.
    var positiveRanges: [ClosedRange<UInt32>] {
        guard negated else { return ranges }
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = max(next, range.upperBound &+ 1)
            if range.upperBound == 0x10_FFFF { return result }
        }
        result.append(next...0x10_FFFF)
        return result
    }

    static func single(_ scalar: UInt32) -> RegexSet { RegexSet(ranges: [scalar...scalar]) }
    static let digit = RegexSet(ranges: [0x30...0x39])
    static let word = RegexSet(ranges: [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
    static let space = RegexSet(ranges: [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ])
    static let lineTerminators = RegexSet(ranges: [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029])
}
