extension Double {
    /// The value truncated toward zero, computed without the C maths library; values of 2⁵³ and above are
    /// already integral and returned unchanged.
    var integralPart: Double {
        guard isFinite, Swift.abs(self) < 9_007_199_254_740_992 else { return self }
        return Double(Int64(self))
    }

    /// The largest integer not above the value, without the C maths library.
    var floorValue: Double {
        let truncated = integralPart
        return truncated > self ? truncated - 1 : truncated
    }
}
