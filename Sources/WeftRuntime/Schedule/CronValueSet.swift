/// A set of small non-negative integers (0–63) kept as the bits of one word.
struct CronValueSet: Sendable, Hashable {
    private(set) var bits: UInt64 = 0

    /// Whether the set is empty.
    var isEmpty: Bool { bits == 0 }

    /// Whether the set holds `value`.
    func contains(_ value: Int) -> Bool {
        value >= 0 && value < 64 && bits & (1 << UInt64(value)) != 0
    }

    /// Adds `value` (0–63).
    mutating func insert(_ value: Int) {
        precondition(value >= 0 && value < 64)
        bits |= 1 << UInt64(value)
    }

    /// The smallest member that is at least `value`.
    func first(atLeast value: Int) -> Int? {
        if value >= 64 { return nil }
        let shifted = value <= 0 ? bits : bits >> UInt64(value)
        if shifted == 0 { return nil }
        return max(value, 0) + shifted.trailingZeroBitCount
    }

    /// The largest member that is at most `value`.
    func last(atMost value: Int) -> Int? {
        if value < 0 { return nil }
        let masked = value >= 63 ? bits : bits & ((1 << UInt64(value + 1)) - 1)
        if masked == 0 { return nil }
        return 63 - masked.leadingZeroBitCount
    }
}
