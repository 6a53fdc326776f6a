import Testing
import WeftJSON

@Suite struct JSONWriterTests {
    private let sample: JSON = [
        "name": "Weft",
        "tags": ["a", "b"],
        "empty": [],
        "nothing": [:],
        "nested": ["x": 1, "y": [true, false, nil]],
        "n": 1.5,
    ]

    @Test func writesCompactText() {
        #expect(
            sample.serialized()
                == #"{"name":"Weft","tags":["a","b"],"empty":[],"nothing":{},"nested":{"x":1,"y":[true,false,null]},"n":1.5}"#
        )
    }

    @Test func prettyPrintsLikeJavaScript() {
        let expected = """
            {
              "name": "Weft",
              "tags": [
                "a",
                "b"
              ],
              "empty": [],
              "nothing": {},
              "nested": {
                "x": 1,
                "y": [
                  true,
                  false,
                  null
                ]
              },
              "n": 1.5
            }
            """
        #expect(sample.serialized(indent: 2) == expected)
    }

    @Test func prettyPrintsWithOtherIndents() {
        let value: JSON = ["a": [1, ["b": 2]]]
        #expect(
            value.serialized(indent: 4)
                == "{\n    \"a\": [\n        1,\n        {\n            \"b\": 2\n        }\n    ]\n}")
        #expect(value.serialized(indent: 1) == "{\n \"a\": [\n  1,\n  {\n   \"b\": 2\n  }\n ]\n}")
        #expect(JSON.array([]).serialized(indent: 2) == "[]")
        #expect(JSON.object([:]).serialized(indent: 2) == "{}")
        #expect(JSON.array([[]]).serialized(indent: 2) == "[\n  []\n]")
        #expect(JSON.string("x").serialized(indent: 2) == "\"x\"")
    }

    @Test func capsTheIndentAtTenAsJavaScriptDoes() {
        let value: JSON = [1]
        #expect(value.serialized(indent: 20) == "[\n" + String(repeating: " ", count: 10) + "1\n]")
        #expect(value.serialized(indent: -3) == "[1]")
    }

    @Test func sortsKeysWhenAsked() {
        let value: JSON = ["b": 1, "a": ["d": 1, "c": 2], "B": 0, "é": 3, "aa": 4]
        #expect(value.serialized(sortedKeys: true) == #"{"B":0,"a":{"c":2,"d":1},"aa":4,"b":1,"é":3}"#)
        #expect(value.serialized(indent: 2, sortedKeys: true).hasPrefix("{\n  \"B\": 0,\n  \"a\": {\n    \"c\": 2,"))
        #expect(value.serialized() == #"{"b":1,"a":{"d":1,"c":2},"B":0,"é":3,"aa":4}"#)
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("quote \" backslash \\ slash /", #""quote \" backslash \\ slash /""#),
        ("\u{8}\u{C}\n\r\t", #""\b\f\n\r\t""#),
        ("\u{0}\u{1}\u{1F}\u{B}\u{1B}", #""\u0000\u0001\u001f\u000b\u001b""#),
        ("\u{7F}\u{80}\u{2028}\u{2029}", "\"\u{7F}\u{80}\u{2028}\u{2029}\""),
        ("é€😀", "\"é€😀\""),
        ("<script>&'", "\"<script>&'\""),
    ])
    func escapesStringsLikeJavaScript(string: String, expected: String) {
        var text = "prefix:"
        JSONWriter.appendEscaped(string, to: &text)
        #expect(text == "prefix:" + expected)
        var bytes: [UInt8] = [0x41]
        JSONWriter.appendEscaped(string, to: &bytes)
        #expect(bytes == [0x41] + Array(expected.utf8))
        #expect(JSON.string(string).serialized() == expected)
    }

    @Test func escapesEveryControlCharacter() {
        for code in 0..<0x20 {
            let scalar = Unicode.Scalar(UInt8(code))
            let text = JSON.string(String(scalar)).serialized()
            switch code {
            case 0x08: #expect(text == #""\b""#)
            case 0x09: #expect(text == #""\t""#)
            case 0x0A: #expect(text == #""\n""#)
            case 0x0C: #expect(text == #""\f""#)
            case 0x0D: #expect(text == #""\r""#)
            default:
                let hex = String(code, radix: 16)
                #expect(text == "\"\\u00" + (hex.count == 1 ? "0" + hex : hex) + "\"")
            }
        }
    }

    @Test func escapesAtEveryPositionOfLongStrings() {
        for length in 0..<30 {
            for position in 0...length {
                let string =
                    String(repeating: "a", count: position) + "\"" + String(repeating: "b", count: length - position)
                let expected =
                    "\"" + String(repeating: "a", count: position) + "\\\""
                    + String(repeating: "b", count: length - position) + "\""
                #expect(JSON.string(string).serialized() == expected)
            }
        }
    }

    @Test func writesNumbersLikeJavaScript() {
        let value: JSON = [0, -0.0, 1e21, 1e-7, 0.1, 100, -1.5, 1.2345678901234568e20]
        #expect(value.serialized() == "[0,0,1e+21,1e-7,0.1,100,-1.5,123456789012345680000]")
    }

    @Test func writesNonFiniteNumbersAsNull() {
        let value: JSON = [.number(.nan), .number(.infinity), .number(-.infinity)]
        #expect(value.serialized() == "[null,null,null]")
        var text = ""
        JSONWriter.appendNumber(.nan, to: &text)
        JSONWriter.appendNumber(2.5, to: &text)
        #expect(text == "null2.5")
        var bytes: [UInt8] = []
        JSONWriter.appendNumber(-.infinity, to: &bytes)
        JSONWriter.appendNumber(1e21, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "null1e+21")
    }

    @Test func describesValuesCompactly() {
        #expect(sample.description == sample.serialized())
        #expect("\(JSON.array([1, "x", nil]))" == #"[1,"x",null]"#)
        #expect(JSON.null.description == "null")
        #expect(JSON.bool(true).description == "true")
    }

    @Test func writerProducesTheSameTextAsAStringAndAsBytes() {
        let writer = JSONWriter(indent: 2, sortedKeys: true)
        #expect(writer.string(from: sample) == String(decoding: writer.bytes(from: sample), as: UTF8.self))
        var bytes = Array("> ".utf8)
        writer.write(sample, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "> " + writer.string(from: sample))
        #expect(sample.serializedBytes(indent: 2) == Array(sample.serialized(indent: 2).utf8))
    }
}

@Suite struct JSONRoundTripTests {
    @Test(arguments: [
        "null", "true", "false", "0", "-1", "1.5", "1e+21", "1e-7", "\"\"", "\"a\\\"b\\\\c\\n\\u0001é😀\"", "[]", "{}",
        "[1,[2,[3,[]]],{}]", #"{"a":{"b":{"c":[null,true,false,"x",0.1]}},"":""}"#,
        #"{"z":1,"a":2,"m":{"y":[],"b":{}}}"#,
    ])
    func reproducesCanonicalText(text: String) throws {
        #expect(try JSON(parsing: text).serialized() == text)
    }

    @Test(arguments: [0, 2, 4])
    func parsesItsOwnOutput(indent: Int) throws {
        var generator = SplitMix64(seed: UInt64(indent) + 1)
        for _ in 0..<200 {
            let value = Self.randomValue(depth: 4, using: &generator)
            let text = value.serialized(indent: indent)
            #expect(try JSON(parsing: text) == value, "\(text)")
        }
    }

    @Test func keepsStringsWithEveryKindOfCharacter() throws {
        var scalars = String.UnicodeScalarView()
        for value in Array(0..<0x300) + [0x7FF, 0x800, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF] {
            if let scalar = Unicode.Scalar(UInt32(value)) { scalars.append(scalar) }
        }
        let value = JSON.string(String(scalars))
        #expect(try JSON(parsing: value.serialized()) == value)
        #expect(try JSON(parsing: value.serialized(indent: 2)) == value)
    }

    private static func randomValue(depth: Int, using generator: inout SplitMix64) -> JSON {
        let kind = generator.next() % (depth > 0 ? 7 : 5)
        switch kind {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2:
            let value = Double(bitPattern: generator.next())
            return .number(value.isFinite ? value : Double(generator.next() % 1000) - 500)
        case 3: return .number(Double(Int(generator.next() % 2_000_001) - 1_000_000) / 100)
        case 4: return .string(randomString(using: &generator))
        case 5:
            return .array((0..<Int(generator.next() % 5)).map { _ in randomValue(depth: depth - 1, using: &generator) })
        default:
            var object = JSONObject()
            for _ in 0..<Int(generator.next() % 5) {
                object[randomString(using: &generator)] = randomValue(depth: depth - 1, using: &generator)
            }
            return .object(object)
        }
    }

    private static func randomString(using generator: inout SplitMix64) -> String {
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{1}", "\u{7F}", "é", "€", "😀", "\u{2028}",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int(generator.next() % 12) {
            scalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
        }
        return String(scalars)
    }
}
