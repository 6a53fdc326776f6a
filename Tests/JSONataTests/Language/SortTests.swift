import Testing
import WeftJSON

@testable import JSONata

@Suite("Order-by")
struct SortTests {
    @Test(
        "sorts by one or more keys",
        arguments: [
            ("items^(price).sku", ["p1", "p2", "p3"]),
            ("items^(<price).sku", ["p1", "p2", "p3"]),
            ("items^(>price).sku", ["p3", "p2", "p1"]),
            ("items^(name).name", ["Desk", "Lamp", "Pen"]),
            ("items^(>quantity, <name).name", ["Pen", "Desk", "Lamp"]),
            ("items^(quantity, >price).sku", ["p3", "p2", "p1"]),
            ("items^(price * quantity).sku", ["p1", "p2", "p3"]),
            ("[3, 1, 2]^($)", [1, 2, 3]),
            ("['b', 'C', 'a']^($)", ["C", "a", "b"]),
            ("[3, 1, 2]^(>$)", [3, 2, 1]),
        ] as [(String, JSON?)])
    func sorts(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, orderDocument) == expected)
    }

    @Test("the sort is stable")
    func stable() throws {
        #expect(try evaluate("items^(quantity).sku", orderDocument) == ["p2", "p3", "p1"])
        #expect(try evaluate("items^(>quantity).sku", orderDocument) == ["p1", "p2", "p3"])
        let input: JSON = [
            ["k": 1, "id": "a"], ["k": 0, "id": "b"], ["k": 1, "id": "c"], ["k": 0, "id": "d"], ["k": 1, "id": "e"],
        ]
        #expect(try evaluate("$^(k).id", input) == ["b", "d", "a", "c", "e"])
        #expect(try evaluate("$^(>k).id", input) == ["a", "c", "e", "b", "d"])
    }

    @Test("items without the key sort last")
    func missingKeys() throws {
        #expect(try evaluate("$^(a)", [["a": 2], ["b": 1], ["a": 1]]) == [["a": 1], ["a": 2], ["b": 1]])
    }

    @Test("sorting then continuing the path")
    func continuation() throws {
        #expect(try evaluate("items^(>price)[0].name", orderDocument) == "Desk")
        #expect(try evaluate("items^(>price)#$i.($string($i) & sku)", orderDocument) == ["0p3", "1p2", "2p1"])
    }

    @Test("keys of different types cannot be compared")
    func mixedTypes() {
        expectError("[1, 'a']^($)", code: "T2007")
        expectError("$^(a)", [["a": 1], ["a": "x"]], code: "T2007")
    }

    @Test("keys must be numbers or strings")
    func nonComparable() {
        expectError("[true, false]^($)", code: "T2008")
        expectError("$^(a)", [["a": ["x": 1]], ["a": ["x": 2]]], code: "T2008")
    }
}
