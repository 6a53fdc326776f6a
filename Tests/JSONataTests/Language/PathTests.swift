import Testing
import WeftJSON

@testable import JSONata

@Suite("Paths")
struct PathTests {
    @Test(
        "navigates fields and nested objects",
        arguments: [
            ("order", "A-17"),
            ("customer.name", "Ada"),
            ("customer.address.city", "London"),
            ("customer.address", ["city": "London", "zip": "N1"]),
            ("items[0].name", "Pen"),
            ("items[0].tags[1]", "cheap"),
        ] as [(String, JSON?)])
    func fields(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test(
        "maps over arrays and flattens the results",
        arguments: [
            ("items.name", ["Pen", "Lamp", "Desk"]),
            ("items.price", [2.5, 30, 120]),
            ("items.tags", ["office", "cheap", "home", "office", "home"]),
            ("items.(price * quantity)", [10, 30, 120]),
            ("items.tags.$uppercase($)", ["OFFICE", "CHEAP", "HOME", "OFFICE", "HOME"]),
        ] as [(String, JSON?)])
    func mapping(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("nested arrays are flattened one step at a time")
    func nestedArrays() throws {
        let input: JSON = ["m": [[1, 2], [3]]]
        #expect(try evaluate("m", input) == [[1, 2], [3]])
        #expect(try evaluate("m.$", input) == [1, 2, 3])
        #expect(try evaluate("m.($ ~> $count())", input) == [2, 1])
    }

    @Test("a path over objects that lack the field keeps only the present values")
    func sparseFields() throws {
        #expect(try evaluate("a", [["a": 1], ["b": 2], ["a": 3]]) == [1, 3])
        #expect(try evaluate("a", [["b": 2]]) == nil)
    }

    @Test("a single match is a value, not an array; [] keeps the array")
    func singletons() throws {
        #expect(try evaluate("items[sku = 'p2'].name", orderDocument) == "Lamp")
        #expect(try evaluate("items[sku = 'p2'].name[]", orderDocument) == ["Lamp"])
        #expect(try evaluate("customer.name[]", orderDocument) == ["Ada"])
        #expect(try evaluate("items.name[]", orderDocument) == ["Pen", "Lamp", "Desk"])
        // An array value reached by the last step of a single match stays an array.
        #expect(try evaluate("items[sku = 'p2'].tags", orderDocument) == ["home"])
    }

    @Test("backticks quote field names that are not identifiers")
    func quotedNames() throws {
        let input: JSON = ["first name": "Ada", "a.b": 1, "and": true, "x": ["y z": [1, 2]]]
        #expect(try evaluate("`first name`", input) == "Ada")
        #expect(try evaluate("`a.b`", input) == 1)
        #expect(try evaluate("`and`", input) == true)
        #expect(try evaluate("x.`y z`[1]", input) == 2)
        #expect(try evaluate("`a`", input) == nil)
    }

    @Test("$ is the context and $$ the root")
    func contextAndRoot() throws {
        #expect(try evaluate("$", orderDocument) == orderDocument)
        #expect(try evaluate("$.order", orderDocument) == "A-17")
        #expect(try evaluate("items.($.sku)", orderDocument) == ["p1", "p2", "p3"])
        #expect(try evaluate("items.($$.order & '/' & sku)", orderDocument) == ["A-17/p1", "A-17/p2", "A-17/p3"])
        #expect(try evaluate("customer.address.($$.customer.name)", orderDocument) == "Ada")
        #expect(try evaluate("$$", 5) == 5)
    }

    @Test("an array input is addressed through $")
    func arrayInput() throws {
        let input: JSON = [["a": 1], ["a": 2]]
        #expect(try evaluate("$[0]", input) == ["a": 1])
        #expect(try evaluate("$[1].a", input) == 2)
        #expect(try evaluate("$.a", input) == [1, 2])
        #expect(try evaluate("$count($)", input) == 2)
    }

    @Test(
        "missing paths are undefined, not errors",
        arguments: [
            "customer.phone", "nothing.at.all", "items.nothing", "customer.name.first", "customer.address.street.name",
            "items[5].name", "order.length",
        ])
    func missing(expression: String) throws {
        #expect(try evaluate(expression, orderDocument) == nil)
    }

    @Test("a path without input is undefined")
    func noInput() throws {
        #expect(try evaluate("a.b") == nil)
        #expect(try evaluate("$") == nil)
    }

    @Test("null is a value that paths return")
    func nulls() throws {
        #expect(try evaluate("a", ["a": nil]) == JSON.null)
        #expect(try evaluate("a.b", ["a": ["b": nil]]) == JSON.null)
        #expect(try evaluate("a.b", ["a": nil]) == nil)
    }

    @Test("an array constructor step keeps one array per input item")
    func arrayConstructorStep() throws {
        #expect(try evaluate("items.[sku]", orderDocument) == [["p1"], ["p2"], ["p3"]])
        #expect(try evaluate("items.[sku, quantity]", orderDocument) == [["p1", 4], ["p2", 1], ["p3", 1]])
    }
}
