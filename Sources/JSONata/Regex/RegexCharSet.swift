/// A compiled character class: sorted, disjoint ranges of scalar values, possibly negated, with a bitmap for
/// ASCII so the common case is one bit test.
///
/// With `ignoreCase`, a character matches when its canonical form (``RegexCaseFolding``) is the canonical
/// form of some member, as ECMAScript's `CharacterSetMatcher` specifies; negation is applied after that test.
struct RegexCharSet: Sendable {
    /// Bounds of the ranges, flattened: `lo0, hi0, lo1, hi1, ...`, sorted and disjoint.
    private let bounds: ContiguousArray<UInt32>
    private let negated: Bool
    private let ignoreCase: Bool
    private var asciiLow: UInt64 = 0
    private var asciiHigh: UInt64 = 0

    /// Compiles a class from its member ranges (in any order, possibly overlapping).
    init(ranges: [ClosedRange<UInt32>], negated: Bool, ignoreCase: Bool) {
        var normalized = Self.normalize(ranges)
        if ignoreCase {
            let members = Self.flatten(normalized)
            var extra: [ClosedRange<UInt32>] = []
            for value in RegexCaseFolding.changing where Self.search(members, value) {
                let canonical = RegexCaseFolding.canonicalize(value)
                extra.append(canonical...canonical)
            }
            if !extra.isEmpty { normalized = Self.normalize(normalized + extra) }
        }
        self.bounds = Self.flatten(normalized)
        self.negated = negated
        self.ignoreCase = ignoreCase
        for value in UInt32(0)..<128 where slowContains(value) {
            if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
        }
    }

    /// Whether the class matches the scalar `value`.
    @inline(__always)
    func contains(_ value: UInt32) -> Bool {
        if value < 64 { return asciiLow & (1 << UInt64(value)) != 0 }
        if value < 128 { return asciiHigh & (1 << UInt64(value &- 64)) != 0 }
        return slowContains(value)
    }

    private func slowContains(_ value: UInt32) -> Bool {
        let probe = ignoreCase ? RegexCaseFolding.canonicalize(value) : value
        return Self.search(bounds, probe) != negated
    }

    private static func search(_ bounds: ContiguousArray<UInt32>, _ value: UInt32) -> Bool {
        var low = 0
        var high = bounds.count / 2
        while low < high {
            let mid = (low + high) / 2
            if bounds[2 * mid + 1] < value {
                low = mid + 1
            } else if bounds[2 * mid] > value {
                high = mid
            } else {
                return true
            }
        }
        return false
    }

    private static func flatten(_ ranges: [ClosedRange<UInt32>]) -> ContiguousArray<UInt32> {
        var result = ContiguousArray<UInt32>()
        result.reserveCapacity(ranges.count * 2)
        for range in ranges {
            result.append(range.lowerBound)
            result.append(range.upperBound)
        }
        return result
    }

    /// Sorts and merges ranges so they are disjoint and not adjacent.
    static func normalize(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [ClosedRange<UInt32>] = []
        result.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound &+ 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The scalar values (up to U+10FFFF) not in `ranges`.
    static func complement(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in normalize(ranges) {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            next = range.upperBound &+ 1
            if range.upperBound >= maxScalar { return result }
        }
        if next <= maxScalar { result.append(next...maxScalar) }
        return result
    }

    /// The largest scalar value.
    static let maxScalar: UInt32 = 0x10FFFF

    /// `\d`: the ASCII digits.
    static let digitRanges: [ClosedRange<UInt32>] = [0x30...0x39]

    /// `\w`: ASCII letters, digits and underscore.
    static let wordRanges: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]

    /// `\s`: ECMAScript `WhiteSpace` and `LineTerminator`.
    static let spaceRanges: [ClosedRange<UInt32>] = [
        0x09...0x0D, 0x20...0x20, 0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200A, 0x2028...0x2029,
        0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000, 0xFEFF...0xFEFF,
    ]

    /// ECMAScript `LineTerminator`: LF, CR, LINE SEPARATOR, PARAGRAPH SEPARATOR.
    static let lineTerminatorRanges: [ClosedRange<UInt32>] = [0x0A...0x0A, 0x0D...0x0D, 0x2028...0x2029]

    /// Whether `value` is an ECMAScript line terminator.
    @inline(__always)
    static func isLineTerminator(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
    }

    /// Whether `value` is a word character for `\b` and `\B`.
    @inline(__always)
    static func isWordCharacter(_ value: UInt32) -> Bool {
        if value >= 128 { return false }
        return (value | 0x20) &- 0x61 < 26 || value &- 0x30 < 10 || value == 0x5F
    }
}
