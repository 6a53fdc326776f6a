import JSONata
import WeftJSON

/// Text with `{{ expression }}` holes, for URLs, headers, paths and file names.
public struct Template: Sendable, CustomStringConvertible {
    /// A run of literal text or an expression.
    public enum Part: Sendable {
        case text(String)
        case expression(WeftExpression)
    }

    public let source: String
    public let parts: [Part]

    /// A template with no holes.
    public init(literal: String) {
        source = literal
        parts = [.text(literal)]
    }

    init(source: String, parts: [Part]) {
        self.source = source
        self.parts = parts
    }

    /// Whether the template has no holes.
    public var isLiteral: Bool {
        parts.allSatisfy { if case .text = $0 { true } else { false } }
    }

    /// Renders the template: each hole's result is inserted as text (strings as they are, other values as JSON,
    /// undefined as nothing).
    public func render(_ input: JSON?, bindings: [String: JSON], options: EvaluationOptions) throws(JSONataError)
        -> String
    {
        var output = ""
        for part in parts {
            switch part {
            case .text(let text): output += text
            case .expression(let expression):
                switch try expression.evaluate(input, bindings: bindings, options: options) {
                case nil, .null?: break  // a missing value must not become the word `null` in a URL
                case .string(let text)?: output += text
                case let value?: output += value.serialized()
                }
            }
        }
        return output
    }

    public var description: String { source }

    /// Splits `text` into literal runs and holes, compiling each hole.
    static func parse(_ text: String, in value: Located, reader: inout SpecReader) -> Template? {
        var parts: [Part] = []
        var literal = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var failed = false
        while index < scalars.count {
            if scalars[index] == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                var end = index + 2
                while end + 1 < scalars.count && !(scalars[end] == "}" && scalars[end + 1] == "}") { end += 1 }
                guard end + 1 < scalars.count else {
                    reader.error(
                        "template-syntax", "`{{` has no matching `}}`", at: value.location(ofCharacter: index),
                        hint: "close the expression with `}}`")
                    return nil
                }
                if !literal.isEmpty {
                    parts.append(.text(literal))
                    literal = ""
                }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[(index + 2)..<end])
                let source = String(view)
                let holeStart = index + 2
                do throws(JSONataError) {
                    let compiled = try JSONataExpression(source)
                    parts.append(
                        .expression(
                            WeftExpression(
                                source: source, location: value.location(ofCharacter: holeStart), compiled: compiled,
                                origin: value, originOffset: holeStart)))
                } catch {
                    let offset = max(0, (error.position ?? 1) - max(1, error.token?.unicodeScalars.count ?? 1))
                    reader.error(
                        "expression-syntax", "JSONata \(error.code): \(error.message)",
                        at: value.location(ofCharacter: holeStart + offset),
                        hint: "in the template hole `{{\(source)}}`")
                    failed = true
                }
                index = end + 2
            } else {
                literal.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        return failed ? nil : Template(source: text, parts: parts)
    }
}

extension Spec where Value == Template {
    /// Text with `{{ expression }}` holes. Numbers and Booleans are taken as literal text.
    public static var template: Spec<Template> {
        Spec(
            schema: { _ in ["type": ["string", "number", "boolean"], "format": "weft-template"] },
            read: { value, reader in
                switch value.kind {
                case .string(let text, _): return Template.parse(text, in: value, reader: &reader)
                case .number, .bool: return Template(literal: value.json.serialized())
                default:
                    reader.typeMismatch(expected: "text (with optional `{{ expression }}` holes)", found: value)
                    return nil
                }
            })
    }
}
