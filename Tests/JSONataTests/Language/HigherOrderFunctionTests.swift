import Testing
import WeftJSON

@testable import JSONata

@Suite("Higher-order functions")
struct HigherOrderFunctionTests {
    @Test(
        "$map",
        arguments: [
            ("$map([1, 2, 3], function($v){$v * 10})", [10, 20, 30]),
            ("$map(['a', 'b'], function($v, $i){$v & $i})", ["a0", "b1"]),
            ("$map([1, 2], function($v, $i, $a){$count($a)})", [2, 2]),
            ("$map([1], function($v){$v})", 1),
            ("$map([1, 2], function($v){$v > 1 ? $v})", 2),
            ("$map(['a', 'b'], $uppercase)", ["A", "B"]),
            ("$map(items, function($i){$i.sku & 'x'})", ["p1x", "p2x", "p3x"]),
            ("$map(nothing, function($v){$v})", nil),
        ] as [(String, JSON?)])
    func map(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test(
        "$filter and $single",
        arguments: [
            ("$filter(items, function($i){$i.price > 10}).sku", ["p2", "p3"]),
            ("$filter([1, 2, 3, 4], function($v, $i){$i % 2 = 0})", [1, 3]),
            ("$filter([1, 2], function($v){$v > 5})", nil),
            ("$single(items, function($i){$i.price > 100}).sku", "p3"),
            ("$single([7])", 7),
        ] as [(String, JSON?)])
    func filter(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("$single needs exactly one match")
    func singleErrors() {
        expectError("$single(items, function($i){$i.price > 10})", orderDocument, code: "D3138")
        expectError("$single(items, function($i){$i.price > 1000})", orderDocument, code: "D3139")
    }

    @Test(
        "$reduce",
        arguments: [
            ("$reduce([1, 2, 3, 4], function($a, $b){$a + $b})", 10),
            ("$reduce([1, 2, 3], function($a, $b){$a * $b}, 10)", 60),
            ("$reduce([], function($a, $b){$a + $b})", nil),
            ("$reduce([], function($a, $b){$a + $b}, 0)", 0),
            ("$reduce([5], function($a, $b){$a + $b})", 5),
            ("$reduce(['a', 'b', 'c'], function($acc, $v, $i){$acc & $i & $v}, '')", "0a1b2c"),
            ("$reduce(items, function($acc, $i){$acc + $i.quantity}, 0)", 6),
        ] as [(String, JSON?)])
    func reduce(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("a reducer must take two parameters")
    func reduceArity() {
        expectError("$reduce([1, 2], function($a){$a})", code: "D3050")
    }
}
