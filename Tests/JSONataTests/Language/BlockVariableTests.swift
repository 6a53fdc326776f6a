import Testing
import WeftJSON

@testable import JSONata

@Suite("Blocks and variables")
struct BlockVariableTests {
    @Test(
        "blocks evaluate to their last expression",
        arguments: [
            ("($a := 1; $b := $a + 1; $b * 10)", 20),
            ("(1; 2; 3)", 3),
            ("($a := 5)", 5),
            ("$x := 3", 3),
            ("()", nil),
            ("($a := $b := 4; $a + $b)", 8),
            ("$nope", nil),
            ("($f := function(){$y}; $y := 3; $f())", 3),
        ] as [(String, JSON?)])
    func blocks(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test("an inner block has its own scope")
    func scoping() throws {
        #expect(try evaluate("($a := 1; $inner := ($a := 2; $a); [$inner, $a])") == [2, 1])
        #expect(try evaluate("($a := 1; ($b := 2); $b)") == nil)
        #expect(try evaluate("($a := 1; ($a + 1))") == 2)
    }

    @Test("variables inside path steps are per item")
    func perItem() throws {
        #expect(try evaluate("items.($p := price; $p * 2)", orderDocument) == [5, 60, 240])
        #expect(try evaluate("items[0].($x := name; $uppercase($x))", orderDocument) == "PEN")
        #expect(
            try evaluate("($total := $sum(items.price); items.$round(price / $total * 100, 1))", orderDocument)
                == [1.6, 19.7, 78.7])
    }

    @Test("bindings passed to evaluate are variables that := shadows")
    func bindings() throws {
        #expect(try evaluate("$rate * 2", bindings: ["rate": 1.5]) == 3)
        #expect(try evaluate("$cfg.name", bindings: ["cfg": ["name": "w"]]) == "w")
        #expect(try evaluate("($x := 2; $x)", bindings: ["x": 1]) == 2)
        #expect(try evaluate("[($x := 2; $x), $x]", bindings: ["x": 1]) == [2, 1])
        #expect(try evaluate("items[price > $min].sku", orderDocument, bindings: ["min": 100]) == "p3")
        #expect(try evaluate("$list[1]", bindings: ["list": [10, 20, 30]]) == 20)
        #expect(try evaluate("$missing", bindings: ["x": 1]) == nil)
    }

    @Test("the same expression with different bindings")
    func reuse() throws {
        let expression = try JSONataExpression("$greeting & ', ' & name")
        #expect(try expression.evaluate(["name": "Ada"], bindings: ["greeting": "Hello"]) == "Hello, Ada")
        #expect(try expression.evaluate(["name": "Bob"], bindings: ["greeting": "Hi"]) == "Hi, Bob")
    }
}
