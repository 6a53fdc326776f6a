import Testing
import WeftJSON

@testable import JSONata

@Suite("String functions")
struct StringFunctionTests {
    @Test(
        "$string",
        arguments: [
            ("$string(5)", "5"),
            ("$string(-0.5)", "-0.5"),
            ("$string('x')", "x"),
            ("$string(true)", "true"),
            ("$string(null)", "null"),
            ("$string([1, 'a'])", #"[1,"a"]"#),
            ("$string({'a': 1, 'b': [true]})", #"{"a":1,"b":[true]}"#),
            ("$string({'a': 1}, true)", "{\n  \"a\": 1\n}"),
            ("$string(1/3)", "0.333333333333333"),
            ("$string(1e21)", "1e+21"),
            ("$string(123.0)", "123"),
            ("$string(nothing)", nil),
            ("$string(function(){1})", ""),
        ] as [(String, JSON?)])
    func string(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "length, case and trimming",
        arguments: [
            ("$length('héllo')", 5),
            ("$length('')", 0),
            ("$length('😀')", 1),
            ("$uppercase('aBc')", "ABC"),
            ("$lowercase('ÀB')", "àb"),
            ("$trim('  a   b  ')", "a b"),
            ("$trim('\\n\\tx  y\\t')", "x y"),
            ("$uppercase(nothing)", nil),
        ] as [(String, JSON?)])
    func basics(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "substrings",
        arguments: [
            ("$substring('weft engine', 5)", "engine"),
            ("$substring('weft', 1, 2)", "ef"),
            ("$substring('weft', -2)", "ft"),
            ("$substring('weft', -3, 2)", "ef"),
            ("$substring('weft', 10)", ""),
            ("$substring('weft', 0, 0)", ""),
            ("$substring('a😀b', 1, 1)", "😀"),
            ("$substringBefore('a-b-c', '-')", "a"),
            ("$substringAfter('a-b-c', '-')", "b-c"),
            ("$substringBefore('abc', 'x')", "abc"),
            ("$substringAfter('abc', 'x')", "abc"),
        ] as [(String, JSON?)])
    func substrings(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "padding, splitting, joining and replacing",
        arguments: [
            ("$pad('7', 3, '0')", "700"),
            ("$pad('7', -3, '0')", "007"),
            ("$pad('abc', 2)", "abc"),
            ("$pad('x', 4)", "x   "),
            ("$pad('x', -4, '#*')", "#*#x"),
            ("$split('a,b,c', ',')", ["a", "b", "c"]),
            ("$split('a,b,c', ',', 2)", ["a", "b"]),
            ("$split('abc', '')", ["a", "b", "c"]),
            ("$split('abc', ',')", ["abc"]),
            ("$join(['a', 'b'], '-')", "a-b"),
            ("$join(['a', 'b'])", "ab"),
            ("$join([], ',')", ""),
            ("$replace('a.b.c', '.', '/')", "a/b/c"),
            ("$replace('aaa', 'a', 'b', 2)", "bba"),
            ("$contains('weft', 'ef')", true),
            ("$contains('weft', 'x')", false),
        ] as [(String, JSON?)])
    func splitJoinReplace(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "encodings",
        arguments: [
            ("$base64encode('weft')", "d2VmdA=="),
            ("$base64decode('d2VmdA==')", "weft"),
            ("$base64decode($base64encode('héllo ✓'))", "héllo ✓"),
            ("$encodeUrlComponent('a b&c=d/é')", "a%20b%26c%3Dd%2F%C3%A9"),
            ("$encodeUrl('https://x.org/a b?q=1&r=é')", "https://x.org/a%20b?q=1&r=%C3%A9"),
            ("$decodeUrlComponent('a%20b%26c')", "a b&c"),
            ("$decodeUrl('https://x.org/a%20b?r=%C3%A9')", "https://x.org/a b?r=é"),
        ] as [(String, JSON?)])
    func encodings(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "number formatting and parsing",
        arguments: [
            ("$formatNumber(1234.5, '#,##0.00')", "1,234.50"),
            ("$formatNumber(0.256, '0.0%')", "25.6%"),
            ("$formatBase(255, 16)", "ff"),
            ("$formatBase(5, 2)", "101"),
            ("$formatInteger(42, 'w')", "forty-two"),
            ("$formatInteger(1999, 'I')", "MCMXCIX"),
            ("$formatInteger(7, '000')", "007"),
            ("$parseInteger('forty-two', 'w')", 42),
            ("$parseInteger('MCMXCIX', 'I')", 1999),
            ("$parseInteger('1,234', '#,##0')", 1234),
        ] as [(String, JSON?)])
    func formatting(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("argument type errors")
    func errors() throws {
        expectError("$substring('abc', 'x')", code: "T0410")
        expectError("$join([1, 2], ',')", code: "T0412")
        expectError("$pad('x')", code: "T0410")
        expectError("$split(1, ',')", code: "T0410")
        // With `-` in the signature, a missing first argument is taken from the context (here undefined).
        #expect(try evaluate("$substring(5, 1)") == nil)
        #expect(try evaluate("$substring(5, 1)", "weft engine") == "e")
    }
}
