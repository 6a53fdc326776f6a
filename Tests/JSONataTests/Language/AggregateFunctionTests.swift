import Testing
import WeftJSON

@testable import JSONata

@Suite("Aggregate functions")
struct AggregateFunctionTests {
    @Test(
        "sum, count, min, max, average",
        arguments: [
            ("$sum(items.price)", 152.5),
            ("$sum(items.(price * quantity))", 160),
            ("$sum([])", 0),
            ("$sum(5)", 5),
            ("$sum(nothing)", nil),
            ("$max(items.price)", 120),
            ("$min([3, 1, 2])", 1),
            ("$min(-1)", -1),
            ("$max([])", nil),
            ("$average([1, 2, 3, 4])", 2.5),
            ("$average([])", nil),
            ("$count(items)", 3),
            ("$count([])", 0),
            ("$count(nothing)", 0),
            ("$count('x')", 1),
            ("$count([1, [2, 3]])", 2),
            ("$count(items.tags)", 5),
        ] as [(String, JSON?)])
    func aggregates(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("aggregating non-numbers is an error")
    func errors() {
        expectError("$sum(['a'])", code: "T0412")
        expectError("$max([1, 'b'])", code: "T0412")
        expectError("$average(items)", orderDocument, code: "T0412")
        expectError("$sum('5')", code: "T0412")
    }
}
