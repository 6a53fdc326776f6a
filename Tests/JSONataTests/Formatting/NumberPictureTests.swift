import Testing

@testable import JSONata

@Suite("formatNumber")
struct NumberPictureTests {
    @Test(
        "formats with digits, grouping and fractions",
        arguments: [
            (1234.5, "#,##0.00", "1,234.50"),
            (7, "000", "007"),
            (0.5, "#", "0"),
            (1.5, "#", "2"),
            (2.5, "0", "2"),
            (0.125, "0.00", "0.12"),
            (0.135, "0.00", "0.14"),
            (98765.4321, "#,##0.0#", "98,765.43"),
            (3, "0.0##", "3.0"),
            (3.14159, "0.0##", "3.142"),
            (1_234_567, "#,##,##0", "12,34,567"),
            (1_234_567, "#,####", "123,4567"),
            (1e21, "#,###", "1,000,000,000,000,000,000,000"),
            (0.000_123, "0.000000", "0.000123"),
            (0.25, ".00", ".25"),
            (1.98765, "0.000,00", "1.987,65"),
        ] as [(Double, String, String)])
    func formats(value: Double, picture: String, expected: String) throws {
        #expect(try formatNumber(value, picture: picture, options: [:]) == expected)
    }

    @Test("uses prefix and suffix text, percent and per-mille")
    func prefixSuffixAndScaling() throws {
        #expect(try formatNumber(12.5, picture: "$#,##0.00 total", options: [:]) == "$12.50 total")
        #expect(try formatNumber(0.256, picture: "#0.0%", options: [:]) == "25.6%")
        #expect(try formatNumber(0.0123, picture: "0.0\u{2030}", options: [:]) == "12.3\u{2030}")
        #expect(try formatNumber(0.5, picture: "0 pct", options: ["percent": "pct"]) == "50 pct")
    }

    @Test("negative numbers use the minus sign or the negative sub-picture")
    func negatives() throws {
        #expect(try formatNumber(-12.5, picture: "0.0", options: [:]) == "-12.5")
        #expect(try formatNumber(-12.5, picture: "0.0", options: ["minus-sign": "\u{2212}"]) == "\u{2212}12.5")
        #expect(try formatNumber(-12.5, picture: "0.0;(0.00)", options: [:]) == "(12.50)")
        #expect(try formatNumber(12.5, picture: "0.0;(0.00)", options: [:]) == "12.5")
    }

    @Test(
        "formats exponents with a scaling factor",
        arguments: [
            (1234.5678, "0.00e0", "1.23e3"),
            (1234.5678, "000.0e00", "123.5e01"),
            (0.000_456, "0.0e0", "4.6e-4"),
            (9.99, "0.0e0", "1.0e1"),
            (0.5, "#.0e0", "0.5e0"),
            (0.5, ".0e0", ".5e0"),
            (0, "0.0e0", "0.0e0"),
        ] as [(Double, String, String)])
    func exponents(value: Double, picture: String, expected: String) throws {
        #expect(try formatNumber(value, picture: picture, options: [:]) == expected)
    }

    @Test("honours the decimal-format options")
    func options() throws {
        let european = ["decimal-separator": ",", "grouping-separator": "."]
        #expect(try formatNumber(1234.5, picture: "#.##0,00", options: european) == "1.234,50")
        #expect(
            try formatNumber(12, picture: "\u{0660}\u{0660}\u{0660}", options: ["zero-digit": "\u{0660}"])
                == "\u{0660}\u{0661}\u{0662}")
        #expect(try formatNumber(5, picture: "@@0", options: ["digit": "@"]) == "5")
        #expect(try formatNumber(-5, picture: "0|[0]", options: ["pattern-separator": "|"]) == "[5]")
        #expect(try formatNumber(1500, picture: "0.0E0", options: ["exponent-separator": "E"]) == "1.5E3")
        #expect(try formatNumber(.nan, picture: "0", options: ["NaN": "not a number"]) == "not a number")
        #expect(try formatNumber(.infinity, picture: "0", options: [:]) == "Infinity")
        #expect(try formatNumber(-.infinity, picture: "0", options: ["infinity": "∞"]) == "-∞")
    }

    @Test(
        "rejects invalid pictures with JSONata's codes",
        arguments: [
            ("0;0;0", "D3080"),
            ("0.0.0", "D3081"),
            ("0%%", "D3082"),
            ("0\u{2030}\u{2030}", "D3083"),
            ("0%\u{2030}", "D3084"),
            ("text", "D3085"),
            (".e0", "D3085"),
            ("0 0", "D3086"),
            ("%%", "D3086"),
            ("0,.0", "D3087"),
            ("0,", "D3087"),
            ("#,,#", "D3089"),
            ("0#", "D3090"),
            ("0.#0", "D3091"),
            ("0.0e0%", "D3092"),
            ("0e#", "D3093"),
        ])
    func errors(picture: String, code: String) {
        expectError(code) { () throws(JSONataError) in _ = try formatNumber(1, picture: picture, options: [:]) }
    }

    @Test("rounds on the shortest decimal form of the double")
    func decimalDigits() {
        var value = DecimalDigits(2.675)
        value.round(fractionDigits: 2)
        #expect(value == DecimalDigits(digits: [2, 6, 8], pointPosition: 1))
        var big = DecimalDigits(1e20)
        #expect(big.integerDigits.count == 21)
        big.round(fractionDigits: 0)
        #expect(big.fractionDigits.isEmpty)
        #expect(DecimalDigits(0.001).fractionDigits == [0, 0, 1])
        var carry = DecimalDigits(99.96)
        carry.round(fractionDigits: 1)
        #expect(carry.integerDigits == [1, 0, 0])
    }
}
