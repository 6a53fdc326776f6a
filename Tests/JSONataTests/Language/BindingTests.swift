import Testing
import WeftJSON

@testable import JSONata

@Suite("Context and positional variable binding")
struct BindingTests {
    static let library: JSON = [
        "library": [
            "books": [["isbn": "1", "title": "Alpha"], ["isbn": "2", "title": "Beta"]],
            "loans": [["isbn": "2", "who": "x"], ["isbn": "1", "who": "y"], ["isbn": "2", "who": "z"]],
        ]
    ]

    @Test("@ binds the step's value and keeps the context, which allows joins")
    func contextBinding() throws {
        #expect(
            try evaluate(
                "library.loans@$l.books@$b[$l.isbn = $b.isbn].{'title': $b.title, 'who': $l.who}", Self.library)
                == [["title": "Beta", "who": "x"], ["title": "Alpha", "who": "y"], ["title": "Beta", "who": "z"]])
        #expect(
            try evaluate("items@$i.{'sku': $i.sku, 'order': order}", orderDocument)
                == [["sku": "p1", "order": "A-17"], ["sku": "p2", "order": "A-17"], ["sku": "p3", "order": "A-17"]])
    }

    @Test("# binds the position in the sequence")
    func positionalBinding() throws {
        #expect(
            try evaluate("items#$i.{'n': $i, 'sku': sku}", orderDocument)
                == [["n": 0, "sku": "p1"], ["n": 1, "sku": "p2"], ["n": 2, "sku": "p3"]])
        #expect(try evaluate("items#$i[$i > 0].sku", orderDocument) == ["p2", "p3"])
        #expect(try evaluate("items#$i[$i = 1].sku", orderDocument) == "p2")
    }

    @Test("# joins two arrays by position")
    func positionalJoin() throws {
        let input: JSON = ["names": ["a", "b", "c"], "ages": [30, 40, 50]]
        #expect(
            try evaluate("names#$i.{'name': $, 'age': $$.ages[$i]}", input)
                == [["name": "a", "age": 30], ["name": "b", "age": 40], ["name": "c", "age": 50]])
    }

    @Test("@ and # together")
    func combined() throws {
        #expect(
            try evaluate("library.loans@$l#$i.books@$b[$l.isbn = $b.isbn].($string($i) & ':' & $b.title)", Self.library)
                == ["0:Beta", "1:Alpha", "2:Beta"])
    }

    @Test("binding errors")
    func errors() {
        expectError("items@x", orderDocument, code: "S0214")
        expectError("items[0]@$x", orderDocument, code: "S0215")
        expectError("items^(price)@$x", orderDocument, code: "S0216")
    }
}
