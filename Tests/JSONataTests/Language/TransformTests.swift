import Testing
import WeftJSON

@testable import JSONata

@Suite("Transforms")
struct TransformTests {
    static let person: JSON = ["name": "Ada", "email": "ada@example.com", "address": ["city": "London", "zip": "N1"]]

    @Test("updates the matched objects and keeps key order")
    func update() throws {
        #expect(
            try evaluate("$ ~> |$|{'name': 'Bob', 'vip': true}|", Self.person)
                == [
                    "name": "Bob", "email": "ada@example.com", "address": ["city": "London", "zip": "N1"], "vip": true,
                ])
        #expect(try evaluate("($ ~> |items|{'total': price * quantity}|).items.total", orderDocument) == [10, 30, 120])
    }

    @Test("deletes fields")
    func delete() throws {
        #expect(
            try evaluate("$ ~> |$|{}, ['email', 'address']|", Self.person) == ["name": "Ada"])
        #expect(
            try evaluate("$ ~> |$|{}, 'email'|", Self.person)
                == ["name": "Ada", "address": ["city": "London", "zip": "N1"]])
        #expect(
            try evaluate("$ ~> |$|{'email': 'hidden'}, ['address']|", Self.person)
                == ["name": "Ada", "email": "hidden"])
        #expect(
            try evaluate("($ ~> |items|{}, ['tags']|).items[0]", orderDocument) == [
                "sku": "p1", "name": "Pen", "price": 2.5, "quantity": 4,
            ])
    }

    @Test("nested locations and predicates")
    func nestedLocations() throws {
        #expect(
            try evaluate("$ ~> |address|{'city': 'Paris'}|", Self.person)
                == ["name": "Ada", "email": "ada@example.com", "address": ["city": "Paris", "zip": "N1"]])
        #expect(
            try evaluate("($ ~> |customer.address|{'zip': 'E1'}|).customer.address", orderDocument)
                == ["city": "London", "zip": "E1"])
        #expect(
            try evaluate("($ ~> |items[price > 10]|{'price': price / 10}|).items.price", orderDocument)
                == [2.5, 3, 12])
        #expect(try evaluate("$ ~> |nothing|{'x': 1}|", Self.person) == Self.person)
    }

    @Test("the input is not changed")
    func inputUnchanged() throws {
        #expect(
            try evaluate("($t := $ ~> |customer|{'name': 'Bob'}|; [customer.name, $t.customer.name])", orderDocument)
                == ["Ada", "Bob"])
        #expect(try evaluate("($t := $ ~> |$|{}, ['order']|; [order, $t.order])", orderDocument) == ["A-17"])
    }

    @Test("a transform is a function")
    func asFunction() throws {
        #expect(try evaluate("($f := |items|{'price': price * 2}|; $f($).items.price)", orderDocument) == [5, 60, 240])
        #expect(
            try evaluate("$map([{'a': 1}, {'a': 2}], |$|{'b': a * 10}|)") == [["a": 1, "b": 10], ["a": 2, "b": 20]])
    }

    @Test("the update must be an object and the deletion a list of strings")
    func errors() {
        expectError("$ ~> |address|'x'|", Self.person, code: "T2011")
        expectError("$ ~> |address|{}, 5|", Self.person, code: "T2012")
        expectError("$ ~> |address|{}, ['city', 1]|", Self.person, code: "T2012")
    }
}
