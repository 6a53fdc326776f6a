import JSONata
import Testing
import WeftJSON

@testable import WeftModel

@Suite("Value templates")
struct ValueTemplateTests {
    static func evaluate(_ yaml: String, _ input: JSON?) throws -> JSON? {
        let (template, diagnostics) = Snippet.read(Spec.valueTemplate, yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try template?.evaluate(input, bindings: ["vars": ["limit": 5]], options: EvaluationOptions())
    }

    static let order: JSON = ["customer": ["email": "a@example.com"], "items": [1, 2, 3]]

    @Test("a string is one expression")
    func expression() throws {
        #expect(try Self.evaluate("customer.email", Self.order) == "a@example.com")
        #expect(try Self.evaluate("$count(items)", Self.order) == 3)
        #expect(try Self.evaluate("missing", Self.order) == nil)
    }

    @Test("a structure evaluates its string leaves and keeps other scalars as written")
    func structure() throws {
        let result = try Self.evaluate(
            """
            email: customer.email
            limit: $vars.limit
            page: 10
            active: true
            cursor: null
            literal: "'text'"
            nested: { count: $count(items), list: ["items[0]", 7, "$sum(items)"] }
            """, Self.order)
        #expect(
            result == [
                "email": "a@example.com", "limit": 5, "page": 10, "active": true, "cursor": nil, "literal": "text",
                "nested": ["count": 3, "list": [1, 7, 6]],
            ])
        // Key order is the file's order.
        if case .object(let object)? = result {
            #expect(Array(object.keys) == ["email", "limit", "page", "active", "cursor", "literal", "nested"])
        }
    }

    @Test("members and items that are undefined are left out")
    func undefined() throws {
        #expect(try Self.evaluate("{ a: nope, b: 1 }", Self.order) == ["b": 1])
        #expect(try Self.evaluate("[nope, \"items[1]\"]", Self.order) == [2])
    }

    @Test("the expressions inside are listed with their paths")
    func expressions() throws {
        let (template, _) = Snippet.read(Spec.valueTemplate, "{ a: x, b: [1, y, { c: z }], d: 2 }")
        let listed = try #require(template).expressions.map { "\($0.path)=\($0.expression.source)" }
        #expect(listed == ["a=x", "b.[1]=y", "b.[2].c=z"])
        let (single, _) = Snippet.read(Spec.valueTemplate, "x.y")
        #expect(try #require(single).expressions.map(\.path) == [""])
    }

    @Test("a syntax error in a nested leaf is reported at that leaf")
    func nestedError() throws {
        let (_, diagnostics) = Snippet.read(
            Spec.valueTemplate,
            """
            email: customer.email
            total: $sum(items) +
            """)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == "expression-syntax")
        #expect(diagnostic.location.line == 2)
        #expect(diagnostic.location.column >= 8)
    }
}
