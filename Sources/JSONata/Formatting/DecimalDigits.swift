/// A non-negative finite number written as decimal digits, used by the picture-string formatters so that
/// rounding and digit placement happen on the decimal form rather than on binary doubles.
///
/// The value is `0.d₁d₂d₃… × 10^pointPosition`: `pointPosition` is how many digits stand before the decimal
/// point (it may be negative, or larger than `digits.count` when trailing zeros are implied).
struct DecimalDigits: Equatable {
    /// Digits 0–9, most significant first, with no leading or trailing zeros; empty means zero.
    var digits: [UInt8]
    /// The number of digits before the decimal point.
    var pointPosition: Int

    /// Creates the decimal form of `abs(value)` from its shortest round-trip representation, the same digits
    /// that JavaScript prints for the number. `value` must be finite.
    init(_ value: Double) {
        digits = []
        pointPosition = 0
        let magnitude = Swift.abs(value)
        guard magnitude.isFinite, magnitude != 0 else { return }
        var exponent = 0
        var seenPoint = false
        var pointAt = 0
        var text = Substring(magnitude.description)
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        for character in text {
            if character == "." {
                seenPoint = true
                continue
            }
            guard let digit = character.wholeNumberValue else { continue }
            digits.append(UInt8(digit))
            if !seenPoint { pointAt += 1 }
        }
        pointPosition = pointAt + exponent
        normalize()
    }

    /// Creates a value from explicit digits.
    init(digits: [UInt8], pointPosition: Int) {
        self.digits = digits
        self.pointPosition = pointPosition
        normalize()
    }

    /// Whether the value is zero.
    var isZero: Bool { digits.isEmpty }

    /// Removes leading and trailing zeros, keeping the value.
    private mutating func normalize() {
        var leading = 0
        while leading < digits.count && digits[leading] == 0 { leading += 1 }
        if leading == digits.count {
            digits = []
            pointPosition = 0
            return
        }
        if leading > 0 {
            digits.removeFirst(leading)
            pointPosition -= leading
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
    }

    /// Rounds to `fractionDigits` digits after the decimal point, halves going to the even neighbour.
    mutating func round(fractionDigits: Int) {
        let keep = pointPosition + fractionDigits
        guard keep < digits.count else { return }
        if keep < 0 {
            digits = []
            pointPosition = 0
            return
        }
        let first = digits[keep]
        let restNonZero = digits[(keep + 1)...].contains { $0 != 0 }
        let previousOdd = keep > 0 && digits[keep - 1] % 2 == 1
        let roundUp = first > 5 || (first == 5 && (restNonZero || previousOdd))
        digits.removeSubrange(keep...)
        if roundUp {
            var index = keep - 1
            while index >= 0 {
                if digits[index] == 9 {
                    digits[index] = 0
                    index -= 1
                } else {
                    digits[index] += 1
                    break
                }
            }
            if index < 0 {
                digits.insert(1, at: 0)
                pointPosition += 1
            }
        }
        normalize()
    }

    /// The digits before the decimal point (no leading zeros; empty for values below one).
    var integerDigits: [UInt8] {
        guard pointPosition > 0 else { return [] }
        if pointPosition >= digits.count {
            return digits + [UInt8](repeating: 0, count: pointPosition - digits.count)
        }
        return Array(digits[..<pointPosition])
    }

    /// The digits after the decimal point (no trailing zeros).
    var fractionDigits: [UInt8] {
        guard pointPosition < digits.count else { return [] }
        if pointPosition < 0 {
            return [UInt8](repeating: 0, count: -pointPosition) + digits
        }
        return Array(digits[pointPosition...])
    }
}
