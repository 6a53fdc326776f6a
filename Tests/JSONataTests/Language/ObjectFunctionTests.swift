import Testing
import WeftJSON

@testable import JSONata

@Suite("Object functions")
struct ObjectFunctionTests {
    @Test(
        "keys, lookup, spread, merge",
        arguments: [
            ("$keys({'b': 1, 'a': 2})", ["b", "a"]),
            ("$keys(items)", ["sku", "name", "price", "quantity", "tags"]),
            ("$keys(customer)", ["name", "email", "address"]),
            ("$keys({})", nil),
            ("$lookup({'a': 1}, 'a')", 1),
            ("$lookup({'a': 1}, 'b')", nil),
            ("$lookup(items, 'sku')", ["p1", "p2", "p3"]),
            ("$spread({'a': 1, 'b': 2})", [["a": 1], ["b": 2]]),
            ("$merge([{'a': 1}, {'b': 2}, {'a': 3}])", ["a": 3, "b": 2]),
            ("$merge({'a': 1})", ["a": 1]),
            ("$merge([])", [:]),
        ] as [(String, JSON?)])
    func objects(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test(
        "each and sift",
        arguments: [
            ("$each({'a': 1, 'b': 2}, function($v, $k){$k & '=' & $v})", ["a=1", "b=2"]),
            ("$each(customer.address, function($v){$uppercase($v)})", ["LONDON", "N1"]),
            ("$sift({'a': 1, 'b': 20, 'c': 30}, function($v){$v > 10})", ["b": 20, "c": 30]),
            ("$sift({'ab': 1, 'b': 2}, function($v, $k){$contains($k, 'a')})", ["ab": 1]),
            ("$sift({'a': 1}, function($v){$v > 10})", nil),
        ] as [(String, JSON?)])
    func iteration(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test(
        "$type",
        arguments: [
            ("$type({})", "object"),
            ("$type([])", "array"),
            ("$type('s')", "string"),
            ("$type(1)", "number"),
            ("$type(false)", "boolean"),
            ("$type(null)", "null"),
            ("$type($sum)", "function"),
            ("$type(function(){1})", "function"),
            ("$type(nothing)", nil),
        ] as [(String, JSON?)])
    func type(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("$error and $assert")
    func errorAndAssert() throws {
        expectError("$error('boom')", code: "D3137")
        expectError("$assert(false, 'nope')", code: "D3141")
        expectError("$assert(1 = 2)", code: "D3141")
        #expect(try evaluate("$assert(true, 'x')") == nil)
        #expect(evaluationError("$error('boom')")?.message == "boom")
        #expect(evaluationError("$assert(false, 'nope')")?.message == "nope")
    }
}
