import Testing
import WeftJSON

@testable import JSONata

@Suite("Array and object constructors")
struct ConstructorTests {
    @Test(
        "array constructors flatten path results and variables but keep nested literals",
        arguments: [
            ("[]", []),
            ("[[]]", [[]]),
            ("[1, [2, 3], [[4]]]", [1, [2, 3], [[4]]]),
            ("[items.sku]", ["p1", "p2", "p3"]),
            ("[items.sku, 'x']", ["p1", "p2", "p3", "x"]),
            ("[items.tags]", ["office", "cheap", "home", "office", "home"]),
            ("[items[0].tags]", ["office", "cheap"]),
            ("[items[0].tags, items[1].tags]", ["office", "cheap", "home"]),
            ("[[items[0].tags], [items[1].tags]]", [["office", "cheap"], ["home"]]),
            ("[nothing]", []),
            ("[1, nothing, 2]", [1, 2]),
            ("($x := [1, 2]; [$x, 3])", [1, 2, 3]),
            ("($x := [1, 2]; [[$x], 3])", [[1, 2], 3]),
            ("[customer.name]", ["Ada"]),
        ] as [(String, JSON?)])
    func arrays(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("object constructors")
    func objects() throws {
        #expect(try evaluate("{}") == [:])
        #expect(
            try evaluate("{'a': 1, 'b': [1, 2], 'c': {'d': true}, 'e': null}")
                == ["a": 1, "b": [1, 2], "c": ["d": true], "e": nil])
        #expect(try evaluate("{'a': nothing, 'b': 2}") == ["b": 2])
        #expect(try evaluate("{'k' & 1: 2}") == ["k1": 2])
        #expect(
            try evaluate("{'n': customer.name, 'c': customer.address.city}", orderDocument) == [
                "n": "Ada", "c": "London",
            ])
        #expect(try evaluate("{'z': 1, 'a': 2, 'm': 3}") == ["z": 1, "a": 2, "m": 3])
    }

    @Test("an object constructor as a path step builds one object per item")
    func perItem() throws {
        #expect(
            try evaluate("items.{'n': name, 'total': price * quantity}", orderDocument)
                == [["n": "Pen", "total": 10], ["n": "Lamp", "total": 30], ["n": "Desk", "total": 120]])
    }

    @Test("an object constructor after a path groups the items by key")
    func groupBy() throws {
        #expect(try evaluate("items{sku: price}", orderDocument) == ["p1": 2.5, "p2": 30, "p3": 120])
        #expect(try evaluate("items{tags[0]: sku}", orderDocument) == ["office": ["p1", "p3"], "home": "p2"])
        #expect(try evaluate("items{tags[0]: $sum(price)}", orderDocument) == ["office": 122.5, "home": 30])
        #expect(try evaluate("items{'total': $sum($.(price * quantity))}", orderDocument) == ["total": 160])
        #expect(try evaluate("items{'count': $count($)}", orderDocument) == ["count": 3])
        #expect(
            try evaluate("items.tags{$: $count($)}", orderDocument) == ["office": 2, "cheap": 1, "home": 2])
    }

    @Test("grouping an array input without a path")
    func groupArrayInput() throws {
        #expect(try evaluate("{'v': a}", [["a": 1], ["a": 2]]) == ["v": [1, 2]])
        #expect(
            try evaluate("${a: b}", [["a": "x", "b": 1], ["a": "y", "b": 2], ["a": "x", "b": 3]]) == [
                "x": [1, 3], "y": 2,
            ])
    }

    @Test("the same key from two pairs is an error")
    func duplicateKey() {
        expectError("{'a': 1, 'a': 2}", code: "D1009")
        expectError("items{'k': sku, 'k': price}", orderDocument, code: "D1009")
    }

    @Test("keys must be strings")
    func nonStringKey() {
        expectError("{1: 'x'}", code: "T1003")
        expectError("items{price: sku}", orderDocument, code: "T1003")
        expectError("{true: 1}", code: "T1003")
    }
}
