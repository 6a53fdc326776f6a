import Testing
import WeftJSON

/// Parses text with the default parser, or returns the error.
func parseResult(_ text: String) -> Result<JSON, JSONParseError> {
    Result { () throws(JSONParseError) -> JSON in try JSON(parsing: text) }
}

/// Parses bytes with the given parser, or returns the error.
func parseResult(_ bytes: [UInt8], parser: JSONParser = JSONParser()) -> Result<JSON, JSONParseError> {
    Result { () throws(JSONParseError) -> JSON in try parser.parse(bytes) }
}

/// The error of parsing `text`, or `nil` when it parsed.
func parseError(_ text: String) -> JSONParseError? {
    if case .failure(let error) = parseResult(text) { return error }
    return nil
}

/// The error of parsing `bytes`, or `nil` when they parsed.
func parseError(_ bytes: [UInt8], parser: JSONParser = JSONParser()) -> JSONParseError? {
    if case .failure(let error) = parseResult(bytes, parser: parser) { return error }
    return nil
}

@Suite struct JSONParserAcceptanceTests {
    @Test(arguments: [
        ("null", JSON.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .number(0)),
        ("-1", .number(-1)),
        ("\"\"", .string("")),
        ("\"abc\"", .string("abc")),
        ("[]", .array([])),
        ("{}", .object([:])),
        ("[[]]", .array([.array([])])),
        ("[null,true,false]", .array([.null, .bool(true), .bool(false)])),
        ("{\"a\":1}", .object(["a": 1])),
        ("{\"\":0}", .object(["": 0])),
        ("[\"\"]", .array([.string("")])),
        ("{\"a\":{\"b\":[1,{\"c\":null}]}}", ["a": ["b": [1, ["c": nil] as JSON]] as JSON] as JSON),
    ])
    func parsesValidDocuments(text: String, expected: JSON) throws {
        #expect(try JSON(parsing: text) == expected)
    }

    @Test func acceptsTheFourWhitespaceCharactersEverywhere() throws {
        let text = " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n} \t\r\n"
        #expect(try JSON(parsing: text) == ["a": [1, 2]])
    }

    @Test func rejectsOtherWhitespace() {
        #expect(parseError("\u{0C}[]") != nil)  // form feed
        #expect(parseError("\u{A0}[]") != nil)  // no-break space
        #expect(parseError("[1,\u{0B}2]") != nil)  // vertical tab
        #expect(parseError("[\u{2028}]") != nil)  // line separator
    }

    @Test func parsesTopLevelScalarsWithSurroundingWhitespace() throws {
        #expect(try JSON(parsing: "  42  ") == 42)
        #expect(try JSON(parsing: "\n\"x\"\n") == "x")
        #expect(try JSON(parsing: " null") == nil)
    }

    @Test func duplicateKeysKeepTheLastValueAtTheFirstPosition() throws {
        let value = try JSON(parsing: #"{"a":1,"b":2,"a":3}"#)
        let object = try #require(value.objectValue)
        #expect(Array(object.keys) == ["a", "b"])
        #expect(object["a"] == 3)
        #expect(object["b"] == 2)
    }

    @Test func handlesDuplicateKeysInNestedAndLargeObjects() throws {
        let nested = try JSON(parsing: #"{"a":[1,{"b":1,"c":2,"b":3}],"d":{"e":[{}]},"a":4}"#)
        #expect(nested == ["a": 4, "d": ["e": [[:] as JSON]] as JSON])
        #expect(nested.objectValue.map { Array($0.keys) } == ["a", "d"])
        let members = (0..<40).map { "\"k\($0 % 30)\":\($0)" }.joined(separator: ",")
        let large = try #require(try JSON(parsing: "{" + members + "}").objectValue)
        #expect(large.count == 30)
        #expect(large["k0"] == 30)
        #expect(large["k9"] == 39)
        #expect(large["k10"] == 10)
        #expect(large.keys.first == "k0")
        #expect(large.keys.last == "k29")
    }

    @Test func separatesMembersOfSiblingAndNestedContainers() throws {
        let text = #"[{"a":1,"b":[2,3]},{"a":{"c":[4,{"d":5}]},"b":6},[7,[8,{"e":9}]],{}]"#
        let value = try JSON(parsing: text)
        #expect(value.serialized() == text)
        #expect(value[0]?["b"] == [2, 3])
        #expect(value[1]?["a"]?["c"]?[1]?["d"] == 5)
    }

    @Test func recoversFromErrorsInsideOpenContainers() {
        #expect(parseError(#"[{"a":[1,2,{"b":"#) != nil)
        #expect(parseError(#"{"a":{"b":{"c":[1,2,3,"x" "y"]}}}"#)?.offset == 26)
        #expect(parseError(#"[[[[{"a":"long string value here","b":[1,2,3],"#) != nil)
    }

    @Test func keepsMemberOrder() throws {
        let value = try JSON(parsing: #"{"z":1,"a":2,"m":3,"b":4}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m", "b"])
    }

    @Test func parsesLargeObjectsAndArrays() throws {
        let members = (0..<1000).map { "\"key\($0)\":\($0)" }.joined(separator: ",")
        let value = try JSON(parsing: "{" + members + "}")
        #expect(value.objectValue?.count == 1000)
        #expect(value["key999"] == 999)
        #expect(value.objectValue?.keys.first == "key0")
        let elements = (0..<5000).map(String.init).joined(separator: ",")
        #expect(try JSON(parsing: "[" + elements + "]").arrayValue?.count == 5000)
    }

    @Test func allEntryPointsAgree() throws {
        let text = #"{"a":[1,2.5,"é😀"],"b":{"c":null}}"#
        let bytes = Array(text.utf8)
        let fromString = try JSONParser().parse(text)
        let fromBytes = try JSONParser().parse(bytes)
        let fromRaw = try bytes.withUnsafeBytes { raw in try JSONParser().parse(raw) }
        let fromBuffer = try bytes.withUnsafeBufferPointer { buffer in try JSONParser().parse(buffer) }
        #expect(fromString == fromBytes)
        #expect(fromString == fromRaw)
        #expect(fromString == fromBuffer)
        #expect(try JSON(parsing: bytes) == fromString)
    }

    @Test func parsesSubstringBackedStrings() throws {
        let source = "xx[1,2]yy"
        let middle = String(source.dropFirst(2).dropLast(2))
        #expect(try JSON(parsing: middle) == [1, 2])
    }
}

@Suite struct JSONParserRejectionTests {
    @Test(arguments: [
        "", " ", "\n\t", "[", "]", "{", "}", "[1", "{\"a\":1", "{\"a\"", "{\"a\":",
        "[1,]", "[,1]", "[,]", "[1,,2]", "[1 2]", "[1]]", "[1]x", "[1] [2]", "{} {}",
        "{,}", "{\"a\":1,}", "{\"a\" 1}", "{\"a\"::1}", "{a:1}", "{'a':1}", "{\"a\":}", "{1:1}", "{\"a\":1 \"b\":2}",
        "{\"a\":1;\"b\":2}", "[1;2]", "{\"a\"}", "{null:1}",
        "tru", "nul", "fals", "True", "NULL", "nulll", "truefalse", "undefined",
        "'single'", "\"abc", "\"abc\\\"", "\"\\", "\"\\x\"", "\"\\'\"", "\"\\U0041\"", "\"\\u12\"", "\"\\u12G4\"",
        "\"\\u\"", "\"\\u-123\"", "\"\\a\"", "\"\\0\"",
        "\"a\tb\"", "\"a\nb\"", "\"\u{0}\"", "\"\u{1F}\"",
        "/* comment */ 1", "1 // comment", "#1",
    ])
    func rejectsMalformedDocuments(text: String) {
        #expect(parseError(text) != nil, "accepted \(text.debugDescription)")
    }

    @Test(arguments: [
        "01", "-01", "00", "-", "--1", "+1", "1.", "-1.", ".5", "-.5", "1.e5", "1e", "1e+", "1e-", "1E", "1ee2",
        "0x10", "0X1F", "Infinity", "-Infinity", "NaN", "1_000", "1.5.2", "1e5.5", "2.", "0.e1", "- 1", "1 000",
        "[-]", "[.1]", "[1.]", "[01]", "[1e]", "\u{FF11}",
    ])
    func rejectsMalformedNumbers(text: String) {
        #expect(parseError(text) != nil, "accepted \(text.debugDescription)")
    }

    @Test func explainsLeadingZeros() {
        #expect(parseError("012")?.message == "leading zeros are not allowed in numbers")
        #expect(parseError("-012")?.message == "leading zeros are not allowed in numbers")
    }

    @Test func explainsTrailingCommas() {
        #expect(parseError("[1,2,]")?.message == "trailing comma in an array")
        #expect(parseError("{\"a\":1,}")?.message == "trailing comma in an object")
    }

    @Test func explainsEmptyInput() {
        let error = parseError("")
        #expect(error?.message == "unexpected end of input, expected a JSON value")
        #expect(error?.offset == 0)
        #expect(error?.line == 1)
        #expect(error?.column == 1)
    }

    @Test func explainsTrailingGarbage() {
        let error = parseError("{} x")
        #expect(error?.message == "unexpected character 'x' after the JSON value")
        #expect(error?.offset == 3)
    }

    @Test func explainsInvalidLiterals() {
        #expect(parseError("[tru]")?.message == "invalid literal, expected 'true'")
        #expect(parseError("nul")?.message == "invalid literal, expected 'null'")
        #expect(parseError("fals")?.offset == 0)
    }

    @Test func explainsBadEscapes() {
        #expect(parseError(#""\x""#)?.message == "invalid escape sequence \\x in a string")
        #expect(parseError(#""ab\u12""#)?.message == "invalid \\u escape, expected four hexadecimal digits")
        #expect(parseError(#""ab\u12""#)?.offset == 3)
    }

    @Test func explainsControlCharacters() {
        let error = parseError("\"a\u{1}b\"")
        #expect(error?.message == "control character 0x01 must be escaped in a string")
        #expect(error?.offset == 2)
    }

    @Test func explainsUnterminatedStringsAtTheirOpeningQuote() {
        let error = parseError("[1, \"abc")
        #expect(error?.message == "unterminated string")
        #expect(error?.offset == 4)
    }

    @Test func explainsUnexpectedCharactersByName() {
        #expect(parseError("[é]")?.message == "unexpected character U+00E9, expected a JSON value")
        #expect(parseError("[\u{0C}]")?.message == "unexpected byte 0x0C, expected a JSON value")
        #expect(parseError("{\"a\":1]")?.message == "expected ',' or '}' after an object member")
        #expect(parseError("[1}")?.message == "expected ',' or ']' after an array element")
        #expect(parseError("{\"a\" 1}")?.message == "expected ':' after an object key")
        #expect(parseError("{1:2}")?.message == "expected a string key, found character '1'")
    }
}

@Suite struct JSONParserStringTests {
    @Test func decodesSimpleEscapes() throws {
        #expect(try JSON(parsing: #""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
    }

    @Test(arguments: [
        (#""\u0041""#, "A"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\u20AC""#, "€"),
        (#""\uFFFF""#, "\u{FFFF}"),
        (#""\u0000""#, "\u{0}"),
        (#""\u001f""#, "\u{1F}"),
        (#""\uD83D\uDE00""#, "😀"),
        (#""\ud834\udd1e""#, "𝄞"),
        (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
        (#""a\u0062c""#, "abc"),
    ])
    func decodesUnicodeEscapes(text: String, expected: String) throws {
        #expect(try JSON(parsing: text) == .string(expected))
    }

    @Test(arguments: [
        (#""\uD800""#, "\u{FFFD}"),
        (#""\uDC00""#, "\u{FFFD}"),
        (#""\uDFFF""#, "\u{FFFD}"),
        (#""\uD800x""#, "\u{FFFD}x"),
        (#""\uD800\u0041""#, "\u{FFFD}A"),
        (#""\uD800\uD800\uDC00""#, "\u{FFFD}\u{10000}"),
        (#""\uDC00\uD800""#, "\u{FFFD}\u{FFFD}"),
        (#""\uD83D\n""#, "\u{FFFD}\n"),
        (#""\uDE00\uD83D""#, "\u{FFFD}\u{FFFD}"),
    ])
    func replacesLoneSurrogates(text: String, expected: String) throws {
        #expect(try JSON(parsing: text) == .string(expected))
    }

    @Test func rejectsABadEscapeAfterAHighSurrogate() {
        #expect(parseError(#""\uD800\uZZZZ""#) != nil)
    }

    @Test func acceptsLiteralUnicode() throws {
        #expect(try JSON(parsing: "\"é€😀\u{7F}\u{2028}\u{FEFF}\"") == .string("é€😀\u{7F}\u{2028}\u{FEFF}"))
        #expect(try JSON(parsing: "{\"ключ\":\"значение\"}") == ["ключ": "значение"])
    }

    @Test func handlesEveryPositionAroundTheEightByteFastPath() throws {
        for length in 0..<40 {
            for position in 0...length {
                let prefix = String(repeating: "a", count: position)
                let suffix = String(repeating: "b", count: length - position)
                #expect(try JSON(parsing: "\"\(prefix)\\n\(suffix)\"") == .string(prefix + "\n" + suffix))
                #expect(try JSON(parsing: "\"\(prefix)é\(suffix)\"") == .string(prefix + "é" + suffix))
                #expect(parseError("\"\(prefix)\u{1}\(suffix)\"")?.offset == position + 1)
                #expect(parseError("\"\(prefix)\(suffix)")?.message == "unterminated string")
            }
        }
    }

    @Test func decodesLongStringsWithManyEscapes() throws {
        let plain = String(repeating: "x\"y\\z\n€😀", count: 500)
        var escaped = ""
        JSONWriter.appendEscaped(plain, to: &escaped)
        #expect(try JSON(parsing: escaped) == .string(plain))
    }
}

@Suite struct JSONParserUTF8Tests {
    /// A string literal around the given raw bytes.
    private func quoted(_ bytes: [UInt8]) -> [UInt8] { [0x22] + bytes + [0x22] }

    @Test(
        arguments: [
            [0xC3, 0xA9],  // é
            [0xE2, 0x82, 0xAC],  // €
            [0xED, 0x9F, 0xBF],  // U+D7FF
            [0xEE, 0x80, 0x80],  // U+E000
            [0xEF, 0xBF, 0xBF],  // U+FFFF
            [0xF0, 0x90, 0x80, 0x80],  // U+10000
            [0xF4, 0x8F, 0xBF, 0xBF],  // U+10FFFF
        ] as [[UInt8]])
    func acceptsWellFormedSequences(bytes: [UInt8]) throws {
        let value = try JSONParser().parse(quoted(bytes))
        #expect(value == .string(String(decoding: bytes, as: UTF8.self)))
    }

    @Test(
        arguments: [
            [0x80],  // lone continuation byte
            [0xBF],
            [0xC0, 0xAF],  // overlong "/"
            [0xC1, 0xBF],  // overlong
            [0xE0, 0x80, 0xAF],  // overlong
            [0xF0, 0x80, 0x80, 0xAF],  // overlong
            [0xED, 0xA0, 0x80],  // encoded surrogate U+D800
            [0xED, 0xBF, 0xBF],  // encoded surrogate U+DFFF
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xF5, 0x80, 0x80, 0x80],
            [0xFE], [0xFF],
            [0xC3],  // truncated
            [0xE2, 0x82],  // truncated
            [0xF0, 0x9F, 0x98],  // truncated
            [0xC3, 0x41],  // bad continuation
            [0xE2, 0x41, 0xAC],
        ] as [[UInt8]])
    func rejectsIllFormedSequences(bytes: [UInt8]) {
        let error = parseError(quoted(bytes))
        #expect(error?.message.hasPrefix("invalid UTF-8 byte") == true, "accepted \(bytes)")
        #expect(error?.offset == 1)
        // Also after an escape, where strings take the slow path.
        #expect(parseError(quoted(Array("\\n".utf8) + bytes)) != nil)
        // And in the middle of a long string, past the eight-byte fast path.
        #expect(parseError(quoted(Array("abcdefghijklmnop".utf8) + bytes + Array("qrstuvwxyz".utf8)))?.offset == 17)
    }

    @Test func rejectsNonASCIIOutsideStrings() {
        #expect(parseError([0x5B, 0xFF, 0x5D]) != nil)
        #expect(parseError([0x31, 0xC3, 0xA9]) != nil)
    }

    @Test func skipsALeadingByteOrderMarkByDefault() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(try JSONParser().parse(bom + Array("{\"a\":1}".utf8)) == ["a": 1])
        #expect(try JSON(parsing: "\u{FEFF}[1]") == [1])
    }

    @Test func rejectsAByteOrderMarkWhenConfigured() {
        let parser = JSONParser(skipsByteOrderMark: false)
        let error = parseError([0xEF, 0xBB, 0xBF] + Array("{}".utf8), parser: parser)
        #expect(error?.message == "a byte order mark is not allowed")
        #expect(error?.offset == 0)
    }

    @Test func rejectsAByteOrderMarkAloneOrElsewhere() {
        #expect(parseError([0xEF, 0xBB, 0xBF])?.message == "unexpected end of input, expected a JSON value")
        #expect(parseError("[\u{FEFF}1]") != nil)
        #expect(parseError("1\u{FEFF}") != nil)
        #expect(parseError("\u{FEFF}\u{FEFF}1") != nil)
    }
}

@Suite struct JSONParserNumberTests {
    @Test(arguments: [
        ("0", 0.0), ("-0.0", -0.0), ("1", 1), ("-1", -1), ("123", 123), ("1.5", 1.5), ("-1.5", -1.5),
        ("0.5", 0.5), ("1e1", 10), ("1E1", 10), ("1e+1", 10), ("1e-1", 0.1), ("1E-1", 0.1), ("0e0", 0),
        ("10.25e2", 1025), ("123456789012345", 123_456_789_012_345),
        ("999999999999999", 999_999_999_999_999), ("1234567890123456", 1_234_567_890_123_456),
        ("9007199254740993", 9_007_199_254_740_992), ("9007199254740995", 9_007_199_254_740_996),
        ("0.1", 0.1), ("0.2", 0.2), ("0.30000000000000004", 0.30000000000000004), ("3.141592653589793", .pi),
        ("1e22", 1e22), ("1e23", 1e23), ("1e-22", 1e-22), ("1e-23", 1e-23), ("123.456e-10", 123.456e-10),
        ("1e308", 1e308), ("1.7976931348623157e308", .greatestFiniteMagnitude),
        ("2.2250738585072014e-308", 2.2250738585072014e-308), ("4.9e-324", .leastNonzeroMagnitude),
        ("1e-400", 0), ("-1e-400", -0.0),
        ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.000000000000000000000000000001", 1e-30), ("100000000000000000000000", 1e23),
        ("7.2057594037927933e16", 72_057_594_037_927_936),
        ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)),
    ])
    func parsesNumbersCorrectlyRounded(text: String, expected: Double) throws {
        let value = try #require(try JSON(parsing: text).numberValue)
        #expect(value.bitPattern == expected.bitPattern, "\(text) gave \(value), expected \(expected)")
    }

    @Test func keepsNegativeZero() throws {
        let value = try #require(try JSON(parsing: "-0").numberValue)
        #expect(value == 0 && value.sign == .minus)
        let other = try #require(try JSON(parsing: "-0e5").numberValue)
        #expect(other.sign == .minus)
        #expect(try JSON(parsing: "0").numberValue?.sign == .plus)
    }

    @Test func parsesSubnormals() throws {
        let value = try #require(try JSON(parsing: "1e-320").numberValue)
        #expect(value.isSubnormal)
        #expect(value == Double("1e-320"))
    }

    @Test(arguments: [
        "1e400", "-1e400", "1.7976931348623159e308", "[1e999999999999999999]", "1" + String(repeating: "0", count: 400),
    ])
    func rejectsNumbersOutOfRange(text: String) {
        #expect(parseError(text)?.message == "number out of range")
    }

    @Test func reportsOutOfRangeAtTheNumber() {
        let error = parseError("[1, 2e999]")
        #expect(error?.offset == 4)
        #expect(error?.column == 5)
    }

    @Test func roundTripsRandomDoublesThroughTheirShortestText() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<5000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let parsedSwift = try #require(try JSON(parsing: value.description).numberValue)
            #expect(parsedSwift.bitPattern == value.bitPattern, "\(value.description)")
            let parsedJS = try #require(try JSON(parsing: JSONNumber.format(value)).numberValue)
            #expect(parsedJS == value, "\(JSONNumber.format(value))")
        }
    }

    @Test func agreesWithTheStandardLibraryOnRandomDecimals() throws {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<5000 {
            let digits = Int(generator.next() % 25) + 1
            var text = String(generator.next() % 9 + 1)
            for _ in 1..<digits { text += String(generator.next() % 10) }
            let point = Int(generator.next() % UInt64(digits + 1))
            if point >= 1 && point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            if generator.next() % 2 == 0 { text += "e" + String(Int(generator.next() % 80) - 40) }
            let parsed = try #require(try JSON(parsing: text).numberValue)
            let expected = try #require(Double(text))
            #expect(parsed.bitPattern == expected.bitPattern, "\(text)")
        }
    }
}

@Suite struct JSONParserDepthTests {
    private func nested(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test func acceptsTheDefaultMaximumDepth() throws {
        #expect(parseError(nested(512)) == nil)
        #expect(parseError(String(repeating: "{\"a\":", count: 511) + "[]" + String(repeating: "}", count: 511)) == nil)
    }

    @Test func rejectsOneLevelDeeper() {
        let error = parseError(nested(513))
        #expect(error?.message == "nesting is deeper than the maximum depth of 512")
        #expect(error?.offset == 512)
    }

    @Test func rejectsDeeplyNestedGarbageWithoutCrashing() {
        #expect(parseError(String(repeating: "[", count: 100_000)) != nil)
        #expect(parseError(String(repeating: "{\"a\":", count: 100_000)) != nil)
    }

    @Test func honoursACustomDepth() {
        let parser = JSONParser(maximumDepth: 2)
        #expect(parseError(Array("[[1]]".utf8), parser: parser) == nil)
        #expect(parseError(Array("[{\"a\":1}]".utf8), parser: parser) == nil)
        #expect(
            parseError(Array("[[[1]]]".utf8), parser: parser)?.message
                == "nesting is deeper than the maximum depth of 2")
        #expect(parseError(Array("[{\"a\":[]}]".utf8), parser: parser) != nil)
        #expect(parseError(Array("1".utf8), parser: JSONParser(maximumDepth: 0)) == nil)
        #expect(parseError(Array("[]".utf8), parser: JSONParser(maximumDepth: 0)) != nil)
    }

    @Test func siblingsDoNotAddDepth() {
        let parser = JSONParser(maximumDepth: 2)
        let wide = "[" + Array(repeating: "[1]", count: 100).joined(separator: ",") + "]"
        #expect(parseError(Array(wide.utf8), parser: parser) == nil)
    }
}

@Suite struct JSONParseErrorPositionTests {
    @Test func reportsLineAndColumn() {
        let text = "{\n  \"a\": 1,\n\"b\":1 \"c\": 2\n}"
        let error = parseError(text)
        #expect(error?.line == 3)
        #expect(error?.column == 7)
        #expect(error?.offset == 18)
        #expect(error?.description == "line 3, column 7: expected ',' or '}' after an object member")
    }

    @Test func countsCarriageReturnLineFeedAsOneLineBreak() {
        let error = parseError("[\r\n1,\r\n2,\r\n]")
        #expect(error?.line == 4)
        #expect(error?.column == 1)
        #expect(parseError("[\r1,\r x]")?.line == 3)
        #expect(parseError("[\r1,\r x]")?.column == 2)
    }

    @Test func countsColumnsInUnicodeScalars() {
        let error = parseError("[\"é😀\", x]")
        #expect(error?.column == 8)
        #expect(error?.offset == 11)
    }

    @Test func reportsTheEndOfInput() {
        let error = parseError("{\n  \"a\": [1, 2")
        #expect(error?.message == "unexpected end of input, expected ',' or ']' after an array element")
        #expect(error?.line == 2)
        #expect(error?.column == 13)
    }

    @Test func makesErrorsComparableAndDescribable() {
        let error = JSONParseError(message: "boom", offset: 3, line: 1, column: 4)
        #expect(error.description == "line 1, column 4: boom")
        #expect(error == JSONParseError(message: "boom", offset: 3, line: 1, column: 4))
    }
}

/// A small deterministic random number generator for reproducible property tests.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
