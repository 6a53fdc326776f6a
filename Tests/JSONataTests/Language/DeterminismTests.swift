import Testing
import WeftJSON

@testable import JSONata

@Suite("Determinism")
struct DeterminismTests {
    static let expressions = [
        "items{tags[0]: $sum(price)}",
        "$merge([customer, {'order': order}, customer.address])",
        "items^(>price).{'sku': sku, 'line': price * quantity, 'tags': $join(tags, ',')}",
        "$distinct(**.*[$type($) = 'string'])",
        "$each(customer, function($v, $k){$k})",
        "$string($)",
        "$ ~> |customer|{'vip': true}, ['email']|",
        "$keys($) ~> $map(function($k){$lookup($$, $k) ~> $type})",
    ]

    @Test("the same expression, input and options give identical output", arguments: expressions)
    func repeatable(expression: String) throws {
        let compiled = try JSONataExpression(expression)
        let options = EvaluationOptions(clock: { 0 }, randomSeed: 1)
        let first = try compiled.evaluate(orderDocument, options: options)
        for _ in 0..<10 {
            let again = try compiled.evaluate(orderDocument, options: options)
            #expect(again == first)
            #expect(again?.description == first?.description)
        }
        let recompiled = try JSONataExpression(expression).evaluate(orderDocument, options: options)
        #expect(recompiled == first)
    }

    @Test("object key order of the input is preserved")
    func inputKeyOrder() throws {
        let input = try json(#"{"z": 1, "a": 2, "m": {"y": true, "b": false}, "c": 3}"#)
        #expect(try evaluate("$keys($)", input) == ["z", "a", "m", "c"])
        #expect(try evaluate("$", input)?.description == #"{"z":1,"a":2,"m":{"y":true,"b":false},"c":3}"#)
        #expect(try evaluate("$string($)", input) == #"{"z":1,"a":2,"m":{"y":true,"b":false},"c":3}"#)
        #expect(
            try evaluate("$spread($)", input)?.description == #"[{"z":1},{"a":2},{"m":{"y":true,"b":false}},{"c":3}]"#)
    }

    @Test("constructed objects keep insertion order")
    func constructedKeyOrder() throws {
        #expect(try evaluate("{'z': 1, 'a': 2, 'm': 3}")?.description == #"{"z":1,"a":2,"m":3}"#)
        #expect(try evaluate("$merge([{'z': 1}, {'a': 2}, {'z': 3}])")?.description == #"{"z":3,"a":2}"#)
        #expect(
            try evaluate("items{tags[-1]: sku}", orderDocument)?.description == #"{"cheap":"p1","home":["p2","p3"]}"#)
        #expect(
            try evaluate("$sift({'z': 1, 'a': 2, 'm': 3}, function($v){$v > 1})")?.description == #"{"a":2,"m":3}"#)
    }
}
