import JSONata
import Testing
import WeftJSON

@testable import WeftModel

@Suite("Templates")
struct TemplateTests {
    static func template(_ yaml: String) -> (template: Template?, diagnostics: [Diagnostic]) {
        let (template, diagnostics) = Snippet.read(Spec.template, yaml)
        return (template, diagnostics)
    }

    /// Reads the template at `key` of `yaml`, returning it and the reader's diagnostics.
    static func read(_ yaml: String, key: String = "k") throws -> (template: Template?, diagnostics: [Diagnostic]) {
        let (root, _) = YAMLLoader.load(yaml, file: "t.yaml")
        let value = try #require(root?[key])
        var reader = SpecReader()
        let template = Spec.template.read(value, &reader)
        return (template, reader.diagnostics)
    }

    static func render(_ yaml: String, _ input: JSON?, bindings: [String: JSON] = [:]) throws -> String? {
        try template(yaml).template?.render(input, bindings: bindings, options: EvaluationOptions())
    }

    @Test("text without holes is literal")
    func literal() throws {
        let template = try #require(Self.template("https://example.com/orders").template)
        #expect(template.isLiteral)
        #expect(template.source == "https://example.com/orders")
        #expect(try template.render(nil, bindings: [:], options: EvaluationOptions()) == "https://example.com/orders")
        #expect(Template(literal: "x {{ y }}").isLiteral)
    }

    @Test("holes split the text into parts")
    func parts() throws {
        let template = try #require(Self.template(#""/orders/{{ id }}/lines/{{line}}.json""#).template)
        #expect(!template.isLiteral)
        let shape = template.parts.map { part -> String in
            switch part {
            case .text(let text): return "text:\(text)"
            case .expression(let expression): return "expr:\(expression.source)"
            }
        }
        #expect(shape == ["text:/orders/", "expr: id ", "text:/lines/", "expr:line", "text:.json"])
    }

    @Test("holes are located inside the YAML value")
    func holeLocations() throws {
        let parsed = try #require(try Self.read(#"url: "https://x/{{ id }}""#, key: "url").template)
        guard case .expression(let expression) = parsed.parts[1] else {
            Issue.record("the second part is not a hole")
            return
        }
        // The quote is at column 6; the hole's text starts after `https://x/{{`, 12 characters in.
        #expect((expression.location.line, expression.location.column) == (1, 19))
    }

    @Test(
        "rendering inserts strings as they are and other values as JSON",
        arguments: [
            ("\"id={{ id }}\"", "id=42"), ("\"{{ name }}!\"", "Ada!"), ("\"{{ tags }}\"", #"["a","b"]"#),
            ("\"{{ address }}\"", #"{"city":"Paris"}"#), ("\"{{ active }}\"", "true"),
            ("\"[{{ nothing }}]\"", "[]"),
            ("\"{{ missing }}\"", ""), ("\"{{ id }}{{ name }}\"", "42Ada"), ("\"{{ $uppercase(name) }}\"", "ADA"),
            ("\"{{ 1.5 * 2 }}\"", "3"), ("\"a } b }} c {\"", "a } b }} c {"),
        ])
    func rendering(yaml: String, expected: String) throws {
        let input: JSON = [
            "id": 42, "name": "Ada", "tags": ["a", "b"], "address": ["city": "Paris"], "active": true, "nothing": nil,
        ]
        #expect(try Self.render(yaml, input) == expected)
    }

    @Test("holes see variables")
    func bindings() throws {
        let rendered = try Self.render(
            #""Bearer {{ $connection.token }}""#, nil, bindings: ["connection": ["token": "s3cret"]])
        #expect(rendered == "Bearer s3cret")
    }

    @Test("an evaluation error in a hole is thrown")
    func evaluationError() throws {
        let template = try #require(Self.template(#""{{ 1 + 'a' }}""#).template)
        #expect(throws: JSONataError.self) {
            _ = try template.render(nil, bindings: [:], options: EvaluationOptions())
        }
    }

    @Test("numbers and Booleans are literal text")
    func scalars() throws {
        #expect(try #require(Self.template("8080").template).source == "8080")
        #expect(try Self.render("8080", nil) == "8080")
        #expect(try Self.render("true", nil) == "true")
        #expect(Self.template("null").diagnostics.map(\.code) == ["wrong-type"])
        #expect(Self.template("[a]").diagnostics.map(\.code) == ["wrong-type"])
    }

    @Test("an unclosed hole is reported at its `{{`")
    func unclosed() throws {
        let (template, diagnostics) = try Self.read("k: abc {{ x }} {{ y")
        #expect(template == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == "template-syntax")
        #expect((diagnostic.location.line, diagnostic.location.column) == (1, 16))
    }

    @Test("a syntax error in a hole points at the offending token, and every bad hole is reported")
    func badHoles() throws {
        let yaml = #"k: "{{ a b }}/{{ (c }}""#
        let (template, diagnostics) = try Self.read(yaml)
        #expect(template == nil)
        #expect(diagnostics.map(\.code) == ["expression-syntax", "expression-syntax"])
        let first = try #require(diagnostics.first)
        // The quote is column 4, so `b` (offset 5 in the value) is column 10.
        #expect((first.location.line, first.location.column) == (1, 10))
        #expect(first.hint?.contains("{{ a b }}") == true)
        #expect(first.message.contains("S0201"))
    }
}
