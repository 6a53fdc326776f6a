import Testing
import WeftJSON

@testable import JSONata

@Suite("Wildcards, descendants and parents")
struct WildcardDescendantTests {
    @Test("* selects every value of an object, flattening arrays")
    func wildcard() throws {
        #expect(try evaluate("customer.address.*", orderDocument) == ["London", "N1"])
        #expect(
            try evaluate("customer.*", orderDocument)
                == ["Ada", "ada@example.com", ["city": "London", "zip": "N1"]])
        #expect(try evaluate("items[0].*", orderDocument) == ["p1", "Pen", 2.5, 4, "office", "cheap"])
        #expect(try evaluate("*.address.city", orderDocument) == "London")
        #expect(try evaluate("*.city", orderDocument) == nil)
        #expect(try evaluate("$count(*)", orderDocument) == 5)
        #expect(try evaluate("*", ["a": 1]) == 1)
    }

    @Test("** selects every descendant")
    func descendants() throws {
        #expect(try evaluate("**.city", orderDocument) == "London")
        #expect(try evaluate("**.sku", orderDocument) == ["p1", "p2", "p3"])
        #expect(try evaluate("**.c", ["a": ["b": ["c": 1]], "d": ["c": 2], "e": [["c": 3]]]) == [1, 2, 3])
        #expect(try evaluate("**.missing", orderDocument) == nil)
        #expect(try evaluate("$sum(**.price)", orderDocument) == 152.5)
    }

    @Test("% refers to the parent of the current context")
    func parent() throws {
        #expect(
            try evaluate("items.tags.{'tag': $, 'sku': %.sku}", orderDocument)
                == [
                    ["tag": "office", "sku": "p1"], ["tag": "cheap", "sku": "p1"], ["tag": "home", "sku": "p2"],
                    ["tag": "office", "sku": "p3"], ["tag": "home", "sku": "p3"],
                ])
        #expect(try evaluate("items[price > 100].tags.(%.name)", orderDocument) == ["Desk", "Desk"])
        #expect(try evaluate("customer.address.(%.name)", orderDocument) == "Ada")
    }

    @Test("%.% goes up two levels")
    func grandparent() throws {
        #expect(
            try evaluate("customer.address.city.{'c': $, 'n': %.%.name}", orderDocument) == ["c": "London", "n": "Ada"])
        #expect(try evaluate("items[0].tags.(%.%.order)", orderDocument) == ["A-17", "A-17"])
    }

    @Test("% without a parent is a syntax error")
    func parentWithoutParent() {
        expectError("%.a", ["a": 1], code: "S0217")
    }
}
