import Testing
import WeftJSON

@Suite struct JSONNumberFormatTests {
    /// Expected strings are what `String(x)` gives in JavaScript (ECMAScript Number::toString).
    static let cases: [(Double, String)] = [
        (0.0, "0"), (-0.0, "0"), (1, "1"), (-1, "-1"), (1.5, "1.5"), (-1.5, "-1.5"), (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"), (100, "100"), (1234.5678, "1234.5678"), (4.35, "4.35"),
        (1 / 3, "0.3333333333333333"), (2 / 3, "0.6666666666666666"), (123.456, "123.456"),
        // Fixed notation up to n = 21, exponent notation from 1e21.
        (1e20, "100000000000000000000"), (1e21, "1e+21"), (-1e21, "-1e+21"), (1.5e21, "1.5e+21"),
        (1.2345678901234568e20, "123456789012345680000"), (9.999999999999999e20, "999999999999999900000"),
        (1e16, "10000000000000000"), (1e15, "1000000000000000"), (1.2345678901234567e19, "12345678901234567000"),
        (18_446_744_073_709_551_616, "18446744073709552000"), (9_007_199_254_740_992, "9007199254740992"),
        (9_007_199_254_740_994, "9007199254740994"), (-9_007_199_254_740_991, "-9007199254740991"),
        (4_294_967_296, "4294967296"), (1e22, "1e+22"), (1.5e300, "1.5e+300"), (1e100, "1e+100"),
        (2e21, "2e+21"), (123e20, "1.23e+22"),
        // Fixed notation down to n = -5 (0.000001), exponent notation below.
        (0.000001, "0.000001"), (0.0000015, "0.0000015"), (0.000001234, "0.000001234"), (1e-7, "1e-7"),
        (-1e-7, "-1e-7"), (1.5e-7, "1.5e-7"), (0.00001234, "0.00001234"), (0.001, "0.001"), (1e-10, "1e-10"),
        (123e-20, "1.23e-18"), (0.0000001234, "1.234e-7"),
        // Extremes.
        (.leastNonzeroMagnitude, "5e-324"), (-.leastNonzeroMagnitude, "-5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"),
        (.nan, "NaN"), (.infinity, "Infinity"), (-.infinity, "-Infinity"),
    ]

    @Test(arguments: cases)
    func formatsLikeJavaScript(value: Double, expected: String) {
        #expect(JSONNumber.format(value) == expected)
        var bytes: [UInt8] = []
        JSONNumber.append(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test func roundTripsRandomDoubles() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = JSONNumber.format(value)
            let parsed = try #require(Double(text), "\(text)")
            #expect(parsed == value, "\(text)")
            #expect(!text.hasSuffix(".0"))
            #expect(!text.contains("e") || text.contains("e+") || text.contains("e-"))
        }
    }

    @Test func printsIntegersWithoutFraction() {
        for exponent in 0..<21 {
            var value = 1.0
            for _ in 0..<exponent { value *= 10 }
            #expect(JSONNumber.format(value) == "1" + String(repeating: "0", count: exponent))
        }
    }
}

@Suite struct JSONNumberPrecisionTests {
    /// Expected strings are what `x.toPrecision(p)` gives in JavaScript.
    static let cases: [(Double, Int, String)] = [
        (0.1 + 0.2, 15, "0.300000000000000"), (123.456, 2, "1.2e+2"), (123.456, 3, "123"), (123.456, 4, "123.5"),
        (123.456, 10, "123.4560000"), (123.456, 1, "1e+2"), (0.000123, 2, "0.00012"), (1e-7, 3, "1.00e-7"),
        (0.000001, 2, "0.0000010"), (0.00000123, 2, "0.0000012"), (1.23e-7, 2, "1.2e-7"), (1e21, 3, "1.00e+21"),
        (0, 1, "0"), (0, 3, "0.00"), (-0.0, 2, "0.0"), (1, 1, "1"), (1, 5, "1.0000"), (-1.5, 3, "-1.50"),
        // Exact ties round away from zero; values just below a tie round down.
        (2.5, 1, "3"), (-2.5, 1, "-3"), (1.25, 2, "1.3"), (-1.25, 2, "-1.3"), (0.125, 2, "0.13"), (1.45, 2, "1.4"),
        (1.005, 3, "1.00"), (8.345, 3, "8.35"), (35, 1, "4e+1"), (45, 1, "5e+1"),
        // Carries that add a digit.
        (99.99, 3, "100"), (99.99, 2, "1.0e+2"), (9.99, 1, "1e+1"), (0.000999, 1, "0.001"), (9.5, 1, "1e+1"),
        (999_999, 3, "1.00e+6"),
        // JSONata's toPrecision(15).
        (1 / 3, 15, "0.333333333333333"), (2 / 3, 15, "0.666666666666667"), (1e15, 15, "1.00000000000000e+15"),
        (1e14, 15, "100000000000000"), (1.2345678901234568e20, 15, "1.23456789012346e+20"),
        (0.1 * 3, 15, "0.300000000000000"), (1.1 * 1.1, 15, "1.21000000000000"), (100, 15, "100.000000000000"),
        (1_000_000, 7, "1000000"), (1_000_000, 6, "1.00000e+6"), (123_456, 2, "1.2e+5"),
        // Exact digits beyond the shortest representation.
        (0.1, 21, "0.100000000000000005551"), (1.0000000000000002, 17, "1.0000000000000002"),
        (1.0000000000000002, 21, "1.00000000000000022204"), (0.3, 17, "0.29999999999999999"),
        // Extremes.
        (1.7976931348623157e308, 5, "1.7977e+308"), (.leastNonzeroMagnitude, 3, "4.94e-324"),
        (.leastNonzeroMagnitude, 1, "5e-324"),
        (2.2250738585072014e-308, 4, "2.225e-308"), (9_007_199_254_740_992, 16, "9007199254740992"),
        (.nan, 5, "NaN"), (.infinity, 5, "Infinity"), (-.infinity, 1, "-Infinity"),
    ]

    @Test(arguments: cases)
    func formatsLikeToPrecision(value: Double, precision: Int, expected: String) {
        #expect(JSONNumber.format(value, precision: precision) == expected)
    }

    @Test func producesAllHundredExactDigits() {
        let exact = "1000000000000000055511151231257827021181583404541015625"
        let expected = "0." + exact + String(repeating: "0", count: 100 - exact.count)
        #expect(JSONNumber.format(0.1, precision: 100) == expected)
        let third = JSONNumber.format(1 / 3, precision: 100)
        #expect(third.hasPrefix("0.333333333333333314829616256247390992939472198486328125"))
        #expect(third.count == 102)
    }

    @Test func clampsThePrecision() {
        #expect(JSONNumber.format(123.456, precision: 0) == "1e+2")
        #expect(JSONNumber.format(123.456, precision: -5) == "1e+2")
        #expect(JSONNumber.format(1, precision: 1000) == JSONNumber.format(1, precision: 100))
    }

    @Test func seventeenDigitsRoundTripRandomDoubles() throws {
        var generator = SplitMix64(seed: 99)
        for _ in 0..<5000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = JSONNumber.format(value, precision: 17)
            let parsed = try #require(Double(text), "\(text)")
            #expect(parsed == value, "\(text)")
        }
    }

    @Test func agreesWithShortestDigitsWhenThoseFit() throws {
        // For a value whose shortest round-trip form has k ≤ 15 digits, toPrecision(15) is those digits padded
        // with zeros, so reading both gives the same double.
        var generator = SplitMix64(seed: 5)
        for _ in 0..<3000 {
            let digits = Double(generator.next() % 1_000_000_000)
            let scale = Double(Int(generator.next() % 12))
            var power = 1.0
            for _ in 0..<Int(scale) { power *= 10 }
            let value = digits / power
            let text = JSONNumber.format(value, precision: 15)
            #expect(Double(text) == value, "\(value) → \(text)")
        }
    }
}
