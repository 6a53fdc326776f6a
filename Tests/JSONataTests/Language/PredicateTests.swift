import Testing
import WeftJSON

@testable import JSONata

@Suite("Predicates")
struct PredicateTests {
    @Test(
        "index predicates count from either end",
        arguments: [
            ("items[0].sku", "p1"),
            ("items[2].sku", "p3"),
            ("items[-1].sku", "p3"),
            ("items[-3].sku", "p1"),
            ("items[1.7].sku", "p2"),
            ("items[3].sku", nil),
            ("items[-4].sku", nil),
            ("items[100]", nil),
            ("items[[0, 2]].sku", ["p1", "p3"]),
        ] as [(String, JSON?)])
    func indexes(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test(
        "boolean predicates filter",
        arguments: [
            ("items[price > 10].name", ["Lamp", "Desk"]),
            ("items[price > 100].name", "Desk"),
            ("items[price > 1000].name", nil),
            ("items['office' in tags].sku", ["p1", "p3"]),
            ("items[$count(tags) > 1].sku", ["p1", "p3"]),
            ("items[sku = 'p2' or quantity > 3].name", ["Pen", "Lamp"]),
            ("items[nothing].sku", nil),
            ("items[name].sku", ["p1", "p2", "p3"]),
        ] as [(String, JSON?)])
    func filters(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("a predicate on a value uses the value's truthiness")
    func truthiness() throws {
        #expect(try evaluate(#"["a", "", null, "b", false, true, [], {}][$]"#) == ["a", "b", true])
    }

    @Test("a predicate binds to its step, parentheses make it apply to the whole path")
    func stepBinding() throws {
        #expect(try evaluate("items.tags[0]", orderDocument) == ["office", "home", "office"])
        #expect(try evaluate("(items.tags)[0]", orderDocument) == "office")
        #expect(try evaluate("(items.tags)[-1]", orderDocument) == "home")
    }

    @Test("predicates on nested arrays")
    func nestedArrays() throws {
        let input: JSON = ["m": [[1, 2, 3], [4, 5]]]
        #expect(try evaluate("m[0]", input) == [1, 2, 3])
        #expect(try evaluate("m[1]", input) == [4, 5])
        #expect(try evaluate("m[0][1]", input) == 2)
        #expect(try evaluate("m.$[$ > 2]", input) == [3, 4, 5])
        #expect(try evaluate("items[tags[0] = 'office'].sku", orderDocument) == ["p1", "p3"])
        #expect(try evaluate("items[tags[-1] = 'home'].sku", orderDocument) == ["p2", "p3"])
    }

    @Test("chained predicates apply one after the other")
    func chained() throws {
        #expect(try evaluate("items[price < 100][quantity > 1].sku", orderDocument) == "p1")
        #expect(try evaluate("items[price > 10][0].sku", orderDocument) == "p2")
        #expect(try evaluate("items[price > 10][-1].sku", orderDocument) == "p3")
        #expect(try evaluate("items['office' in tags]['home' in tags].sku", orderDocument) == "p3")
        #expect(try evaluate("items[price > 10][price < 10]", orderDocument) == nil)
    }

    @Test("a predicate can refer to the root and to variables")
    func outerReferences() throws {
        #expect(try evaluate("items[price > $limit].sku", orderDocument, bindings: ["limit": 25]) == ["p2", "p3"])
        #expect(try evaluate("items[sku = $$.items[-1].sku].name", orderDocument) == "Desk")
    }
}
