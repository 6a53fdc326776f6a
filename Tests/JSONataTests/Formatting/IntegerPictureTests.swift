import Testing

@testable import JSONata

@Suite("formatInteger and parseInteger")
struct IntegerPictureTests {
    @Test(
        "formats decimal digit patterns",
        arguments: [
            (42, "0", "42"),
            (42, "00000", "00042"),
            (-42, "000", "-042"),
            (1_234_567, "#,##0", "1,234,567"),
            (1_234_567, "# ##0", "1 234 567"),
            (1_234_567, "#.###,##0", "1.234,567"),
            (1_234_567, "##,##,##0", "12,34,567"),
            (99, "##0", "99"),
            (7, "\u{0661}\u{0660}", "\u{0660}\u{0667}"),
            (205, "\u{FF10}\u{FF10}\u{FF10}\u{FF10}", "\u{FF10}\u{FF12}\u{FF10}\u{FF15}"),
            (42.9, "0", "42"),
        ] as [(Double, String, String)])
    func decimal(value: Double, picture: String, expected: String) throws {
        #expect(try formatInteger(value, picture: picture) == expected)
    }

    @Test(
        "adds English ordinal suffixes",
        arguments: [
            (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
            (21, "21st"), (101, "101st"), (111, "111th"), (1002, "1002nd"),
        ] as [(Double, String)])
    func ordinalSuffixes(value: Double, expected: String) throws {
        #expect(try formatInteger(value, picture: "0;o") == expected)
        #expect(try parseInteger(expected, picture: "0;o") == value)
    }

    @Test("formats letters and Roman numerals")
    func lettersAndRoman() throws {
        #expect(try formatInteger(3, picture: "a") == "c")
        #expect(try formatInteger(52, picture: "A") == "AZ")
        #expect(try formatInteger(703, picture: "A") == "AAA")
        #expect(try formatInteger(0, picture: "a") == "")
        #expect(try formatInteger(1994, picture: "I") == "MCMXCIV")
        #expect(try formatInteger(4, picture: "i") == "iv")
        #expect(try formatInteger(3999, picture: "i") == "mmmcmxcix")
        #expect(try formatInteger(0, picture: "i") == "")
    }

    @Test(
        "writes English words",
        arguments: [
            (0, "w", "zero"),
            (7, "w", "seven"),
            (15, "W", "FIFTEEN"),
            (40, "w", "forty"),
            (101, "w", "one hundred and one"),
            (2000, "w", "two thousand"),
            (2018, "w", "two thousand and eighteen"),
            (1_000_100, "w", "one million, one hundred"),
            (21, "Ww", "Twenty-One"),
            (0, "w;o", "zeroth"),
            (21, "w;o", "twenty-first"),
            (40, "w;o", "fortieth"),
            (1_000_000, "w;o", "one millionth"),
            (103, "Ww;o", "One Hundred and Third"),
            (-5, "w", "minus five"),
            (2e15, "w", "two thousand trillion"),
        ] as [(Double, String, String)])
    func words(value: Double, picture: String, expected: String) throws {
        #expect(try formatInteger(value, picture: picture) == expected)
    }

    @Test(
        "parses what it formats",
        arguments: [
            ("0", 0), ("#,##0", 9_876_543), ("0000", 12), ("a", 731), ("A", 28), ("i", 2024), ("I", 49),
            ("w", 1_000_001), ("W", 999_999), ("Ww", 120), ("w;o", 342), ("Ww;o", 13), ("#,##0;o", 1_111),
        ] as [(String, Double)])
    func roundTrip(picture: String, value: Double) throws {
        let text = try formatInteger(value, picture: picture)
        #expect(try parseInteger(text, picture: picture) == value)
    }

    @Test("parses grouped digits, words in any case, and rejects foreign text")
    func parsing() throws {
        #expect(try parseInteger("1 000", picture: "# ##0") == 1000)
        #expect(try parseInteger("-0042", picture: "0000") == -42)
        #expect(try parseInteger("\u{0661}\u{0662}", picture: "#\u{0660}") == 12)
        #expect(try parseInteger("Twenty-Two", picture: "w") == 22)
        #expect(try parseInteger("one thousand trillion", picture: "w") == 1e15)
        #expect(try parseInteger("MMXXIV", picture: "i") == 2024)
        #expect(try parseInteger("", picture: "I") == 0)
        #expect(try parseInteger("12a", picture: "0") == nil)
        #expect(try parseInteger("eleventy", picture: "w") == nil)
        #expect(try parseInteger("xiq", picture: "i") == nil)
        #expect(try parseInteger("a1", picture: "a") == nil)
    }

    @Test("rejects unsupported tokens and mixed digit families")
    func errors() {
        for (picture, code) in [("\u{03B1}", "D3130"), ("#", "D3130"), ("x", "D3130"), ("0\u{FF10}", "D3131")] {
            expectError(code) { () throws(JSONataError) in _ = try formatInteger(1, picture: picture) }
            expectError(code) { () throws(JSONataError) in _ = try parseInteger("1", picture: picture) }
        }
    }
}
