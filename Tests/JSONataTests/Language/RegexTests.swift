import Testing
import WeftJSON

@testable import JSONata

@Suite("Regular expressions")
struct RegexTests {
    @Test("$match returns every match with its index and groups")
    func match() throws {
        #expect(
            try evaluate("$match('ab12cd345', /[0-9]+/)")
                == [["match": "12", "index": 2, "groups": []], ["match": "345", "index": 6, "groups": []]])
        #expect(try evaluate("$match('k=v', /(\\w)=(\\w)/)") == ["match": "k=v", "index": 0, "groups": ["k", "v"]])
        #expect(try evaluate("$match('abc', /x/)") == nil)
        #expect(try evaluate("$match('a1b2c3', /[a-z]\\d/, 2).match") == ["a1", "b2"])
        #expect(try evaluate("$match(nothing, /x/)") == nil)
    }

    @Test(
        "$replace with a pattern",
        arguments: [
            ("$replace('2024-01-15', /(\\d+)-(\\d+)-(\\d+)/, '$3/$2/$1')", "15/01/2024"),
            ("$replace('abc', /b/, '$0$0')", "abbc"),
            ("$replace('aaa', /a/, 'b', 1)", "baa"),
            ("$replace('x', /x/, '$$')", "$"),
            ("$replace('John Smith', /(\\w+)\\s(\\w+)/, '$2, $1')", "Smith, John"),
            ("$replace('price 10, cost 5', /\\d+/, function($m){$string($number($m.match) * 2)})", "price 20, cost 10"),
            ("$replace('a-b', /(\\w)-(\\w)/, function($m){$m.groups[1] & $m.groups[0]})", "ba"),
            ("$replace('Hello', /l/, 'L')", "HeLLo"),
        ] as [(String, JSON?)])
    func replace(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "$split and $contains with patterns",
        arguments: [
            ("$split('a1b22c', /\\d+/)", ["a", "b", "c"]),
            ("$split('a, b ,c', /\\s*,\\s*/)", ["a", "b", "c"]),
            ("$split('a1b2c3', /\\d/, 2)", ["a", "b"]),
            ("$contains('Hello', /hello/i)", true),
            ("$contains('Hello', /hello/)", false),
            ("$contains('abc', /^b/)", false),
            ("items[$contains(name, /^[PL]/)].sku", ["p1", "p2"]),
        ] as [(String, JSON?)])
    func splitContains(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("flags: i and m")
    func flags() throws {
        #expect(try evaluate("$match('a\\nb', /^b/m).index") == 2)
        #expect(try evaluate("$match('a\\nb', /^b/)") == nil)
        #expect(try evaluate("$match('ABC', /b/i).match") == "B")
        #expect(try evaluate("$replace('aAa', /a/i, 'x')") == "xxx")
    }

    @Test("a regex is a function that the ~> operator and predicates can use")
    func regexAsValue() throws {
        #expect(try evaluate("('abc' ~> /b/).match") == "b")
        #expect(try evaluate("$type(/x/)") == "function")
    }

    @Test("a pattern that matches the empty string cannot replace or split")
    func emptyMatch() {
        expectError("$replace('abc', /b*/, 'x')", code: "D1004")
        expectError("$split('abc', /x*/)", code: "D1004")
    }

    @Test("an unterminated regex is a syntax error")
    func unterminated() {
        expectError("$match('a', /abc)", code: "S0302")
    }
}
