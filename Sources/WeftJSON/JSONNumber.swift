/// Number-to-text conversions with the exact results of ECMAScript (JavaScript), which JSON output and JSONata
/// both follow.
///
/// ``format(_:)`` is `Number.prototype.toString()`: it takes the shortest digits that round-trip, from Swift's
/// `Double.description` (which produces exactly those digits), and lays them out by the rules of
/// ECMAScript's Number::toString. ``format(_:precision:)`` is `Number.prototype.toPrecision(p)`: it expands the
/// double into its exact decimal value with a small big-integer routine and rounds that, half away from zero,
/// as the specification demands. No C library formatting is involved, so results do not depend on the
/// platform (glibc's `printf` rounds exact ties to even, which JavaScript does not).
public enum JSONNumber {
    /// The text JavaScript's `String(value)` gives: shortest round-trip digits, no `.0` on integers, fixed
    /// notation when the first significant digit's decimal exponent is from -6 to 20 (`0.000001`,
    /// `100000000000000000000`) and exponent notation otherwise (`1e-7`, `1e+21`).
    ///
    /// `-0` formats as `0`, NaN as `NaN` and infinities as `Infinity` and `-Infinity`.
    public static func format(_ value: Double) -> String {
        if let integer = exactInteger(value) { return String(integer) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendNonInteger(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of ``format(_:)`` to UTF-8 bytes.
    public static func append(_ value: Double, to output: inout [UInt8]) {
        if let integer = exactInteger(value) {
            appendInteger(integer, to: &output)
        } else {
            appendNonInteger(value, to: &output)
        }
    }

    /// The text JavaScript's `value.toPrecision(precision)` gives: the value correctly rounded to `precision`
    /// significant digits (ties away from zero), in fixed notation when the decimal exponent `e` satisfies
    /// `-6 <= e < precision` and in exponent notation otherwise.
    ///
    /// For example `(0.1 + 0.2)` gives `0.300000000000000` with precision 15, and `123.456` gives `1.2e+2`
    /// with precision 2. JavaScript throws a `RangeError` for a precision outside 1...100; this function
    /// clamps the precision into that range instead. NaN and infinities format as with ``format(_:)``.
    public static func format(_ value: Double, precision: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let precision = min(max(precision, 1), 100)
        var digits: [UInt8]
        var exponent: Int
        if value == 0 {
            digits = [UInt8](repeating: UInt8(ascii: "0"), count: precision)
            exponent = 0
        } else {
            (digits, exponent) = exactDecimal(value.magnitude)
            round(&digits, exponent: &exponent, to: precision)
        }
        var output: [UInt8] = []
        output.reserveCapacity(precision + 8)
        if value < 0 { output.append(UInt8(ascii: "-")) }
        if exponent < -6 || exponent >= precision {
            output.append(digits[0])
            if precision > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            appendExponent(exponent, to: &output)
        } else if exponent >= 0 {
            output.append(contentsOf: digits[0...exponent])
            if exponent + 1 < precision {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[(exponent + 1)...])
            }
        } else {
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -exponent - 1))
            output.append(contentsOf: digits)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension JSONNumber {
    /// The value as an `Int` when it is an integer of magnitude below 2^53, where JavaScript prints exactly
    /// the integer's digits.
    @inline(__always)
    fileprivate static func exactInteger(_ value: Double) -> Int? {
        guard value.magnitude < 9_007_199_254_740_992, value == value.rounded(.towardZero) else { return nil }
        return Int(value)  // -0.0 becomes 0, as JavaScript prints it.
    }

    fileprivate static func appendInteger(_ integer: Int, to output: inout [UInt8]) {
        if integer < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") &+ UInt8(magnitude))
            return
        }
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes, enough for 2^53.
        withUnsafeMutableBytes(of: &buffer) { raw in
            var position = raw.count
            while magnitude > 0 {
                position -= 1
                raw[position] = UInt8(ascii: "0") &+ UInt8(magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: raw[position...])
        }
    }

    /// Appends a number that is not an exact small integer, by the rules of ECMAScript Number::toString.
    fileprivate static func appendNonInteger(_ value: Double, to output: inout [UInt8]) {
        if value.isNaN {
            output.append(contentsOf: "NaN".utf8)
            return
        }
        if value.isInfinite {
            output.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
            return
        }
        // Shortest round-trip digits from Swift, e.g. "1.2345e-07", "0.001", "1.5e+300", "12345.678".
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // at most 17 digits
        var digitCount = 0
        var pointPosition = -1
        var exponent = 0
        var exponentNegative = false
        var inExponent = false
        withUnsafeMutableBytes(of: &digits) { digitBytes in
            for byte in value.magnitude.description.utf8 {
                if inExponent {
                    switch byte {
                    case UInt8(ascii: "-"): exponentNegative = true
                    case UInt8(ascii: "+"): break
                    default: exponent = exponent * 10 + Int(byte &- UInt8(ascii: "0"))
                    }
                } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                    inExponent = true
                } else if byte == UInt8(ascii: ".") {
                    pointPosition = digitCount
                } else if digitCount < digitBytes.count {
                    digitBytes[digitCount] = byte
                    digitCount += 1
                }
            }
        }
        if pointPosition < 0 { pointPosition = digitCount }
        if exponentNegative { exponent = -exponent }
        withUnsafeBytes(of: &digits) { digitBytes in
            // value = 0.d1d2...dk × 10^n after dropping leading and trailing zeros.
            var first = 0
            var n = pointPosition + exponent
            while first < digitCount - 1 && digitBytes[first] == UInt8(ascii: "0") {
                first += 1
                n -= 1
            }
            var last = digitCount
            while last > first + 1 && digitBytes[last - 1] == UInt8(ascii: "0") { last -= 1 }
            let significant = UnsafeRawBufferPointer(rebasing: digitBytes[first..<last])
            let k = significant.count
            if value < 0 { output.append(UInt8(ascii: "-")) }
            if k <= n && n <= 21 {
                output.append(contentsOf: significant)
                output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
            } else if 0 < n && n <= 21 {
                output.append(contentsOf: significant[..<n])
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: significant[n...])
            } else if -6 < n && n <= 0 {
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
                output.append(contentsOf: significant)
            } else {
                output.append(significant[0])
                if k > 1 {
                    output.append(UInt8(ascii: "."))
                    output.append(contentsOf: significant[1...])
                }
                appendExponent(n - 1, to: &output)
            }
        }
    }

    fileprivate static func appendExponent(_ exponent: Int, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "e"))
        output.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        appendInteger(abs(exponent), to: &output)
    }

    /// The exact decimal expansion of a positive finite double: its digits (ASCII, no leading zeros) and the
    /// decimal exponent of the first digit.
    fileprivate static func exactDecimal(_ value: Double) -> (digits: [UInt8], exponent: Int) {
        var mantissa: UInt64
        var binaryExponent: Int
        if value.exponentBitPattern == 0 {
            mantissa = value.significandBitPattern
            binaryExponent = -1074
        } else {
            mantissa = value.significandBitPattern | 1 << 52
            binaryExponent = Int(value.exponentBitPattern) - 1075
        }
        let zeros = mantissa.trailingZeroBitCount
        mantissa >>= UInt64(zeros)
        binaryExponent += zeros
        // value = mantissa × 2^binaryExponent. For a negative binary exponent, multiply by 5^-e and shift the
        // decimal point instead: m × 2^-k = m × 5^k × 10^-k.
        var number = DecimalBigInteger(mantissa)
        var decimalShift = 0
        if binaryExponent > 0 {
            var remaining = binaryExponent
            while remaining > 0 {
                let step = min(remaining, 31)
                number.multiply(by: UInt32(1) << UInt32(step))
                remaining -= step
            }
        } else if binaryExponent < 0 {
            var remaining = -binaryExponent
            decimalShift = binaryExponent
            while remaining > 0 {
                let step = min(remaining, 13)
                var factor: UInt32 = 1
                for _ in 0..<step { factor *= 5 }
                number.multiply(by: factor)
                remaining -= step
            }
        }
        let digits = number.decimalDigits()
        return (digits, digits.count - 1 + decimalShift)
    }

    /// Rounds `digits` to `precision` digits, half away from zero, or pads them with zeros.
    fileprivate static func round(_ digits: inout [UInt8], exponent: inout Int, to precision: Int) {
        if digits.count <= precision {
            digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: precision - digits.count))
            return
        }
        let roundsUp = digits[precision] >= UInt8(ascii: "5")
        digits.removeSubrange(precision...)
        guard roundsUp else { return }
        var position = precision - 1
        while position >= 0 {
            if digits[position] == UInt8(ascii: "9") {
                digits[position] = UInt8(ascii: "0")
                position -= 1
            } else {
                digits[position] += 1
                return
            }
        }
        // All nines: 99.9 became 100.
        digits[0] = UInt8(ascii: "1")
        exponent += 1
    }
}

/// A non-negative integer in base 10^9, little-endian, just big enough for exact double expansion.
private struct DecimalBigInteger {
    private static let base: UInt64 = 1_000_000_000
    private var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = []
        var value = value
        repeat {
            limbs.append(UInt32(value % Self.base))
            value /= Self.base
        } while value > 0
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(product % Self.base)
            carry = product / Self.base
        }
        while carry > 0 {
            limbs.append(UInt32(carry % Self.base))
            carry /= Self.base
        }
    }

    func decimalDigits() -> [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 9)
        for (position, limb) in limbs.enumerated().reversed() {
            var chunk = [UInt8](repeating: UInt8(ascii: "0"), count: 9)
            var value = limb
            var index = 8
            while value > 0 {
                chunk[index] = UInt8(ascii: "0") &+ UInt8(value % 10)
                value /= 10
                index -= 1
            }
            if position == limbs.count - 1 {
                digits.append(contentsOf: chunk[(index + 1)...])
            } else {
                digits.append(contentsOf: chunk)
            }
        }
        return digits
    }
}
