import Testing
import WeftJSON

@testable import JSONata

@Suite("Array functions")
struct ArrayFunctionTests {
    @Test(
        "append, reverse, sort, distinct, zip",
        arguments: [
            ("$append([1, 2], [3])", [1, 2, 3]),
            ("$append(1, 2)", [1, 2]),
            ("$append([1], nothing)", [1]),
            ("$append(nothing, [1])", [1]),
            ("$append([[1]], [[2]])", [[1], [2]]),
            ("$reverse([1, 2, 3])", [3, 2, 1]),
            ("$reverse([])", []),
            ("$sort([3, 1, 2])", [1, 2, 3]),
            ("$sort(['b', 'a', 'C'])", ["C", "a", "b"]),
            ("$sort(items, function($l, $r){$l.price < $r.price}).sku", ["p3", "p2", "p1"]),
            ("$sort(items, function($l, $r){$l.quantity > $r.quantity}).sku", ["p2", "p3", "p1"]),
            ("$distinct([1, 2, 1, 'a', 'a', [1], [1]])", [1, 2, "a", [1]]),
            ("$distinct(items.tags)", ["office", "cheap", "home"]),
            ("$zip([1, 2, 3], ['a', 'b'])", [[1, "a"], [2, "b"]]),
            ("$zip([1, 2], [3, 4], [5, 6])", [[1, 3, 5], [2, 4, 6]]),
            ("$count($shuffle([1..10]))", 10),
        ] as [(String, JSON?)])
    func arrays(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("the input array is not changed by $sort or $reverse")
    func noMutation() throws {
        #expect(
            try evaluate("($a := [3, 1, 2]; $b := $sort($a); $c := $reverse($a); [[$a], [$b], [$c]])") == [
                [3, 1, 2], [1, 2, 3], [2, 1, 3],
            ])
    }

    @Test("sorting mixed values without a comparator is an error")
    func sortErrors() {
        expectError("$sort([1, 'a'])", code: "D3070")
        expectError("$sort([{'a': 1}, {'a': 2}])", code: "D3070")
    }
}
