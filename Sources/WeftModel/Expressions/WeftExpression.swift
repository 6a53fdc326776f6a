import Foundation
import JSONata
import WeftJSON

/// A JSONata expression written in a flow or app file, compiled when the file is read.
public struct WeftExpression: Sendable, CustomStringConvertible {
    /// The expression text.
    public let source: String
    /// Where the expression starts in its file.
    public let location: SourceLocation
    /// The compiled expression.
    public let compiled: JSONataExpression
    /// The YAML value the expression was read from, to locate characters inside it.
    let origin: Located?
    /// Where the expression starts in `origin`'s string (in Unicode scalars): after the `{{` of a template hole.
    let originOffset: Int

    init(
        source: String, location: SourceLocation, compiled: JSONataExpression, origin: Located? = nil,
        originOffset: Int = 0
    ) {
        self.source = source
        self.location = location
        self.compiled = compiled
        self.origin = origin
        self.originOffset = originOffset
    }

    /// Where the character at `offset` of the expression is in its file.
    public func location(ofCharacter offset: Int) -> SourceLocation {
        origin?.location(ofCharacter: originOffset + offset) ?? location
    }

    /// Compiles `source`. A syntax error becomes a diagnostic located inside the YAML value.
    static func compile(_ source: String, in value: Located, reader: inout SpecReader) -> WeftExpression? {
        do throws(JSONataError) {
            return WeftExpression(
                source: source, location: value.location, compiled: try JSONataExpression(source), origin: value)
        } catch {
            let start = max(0, (error.position ?? 1) - max(1, error.token?.unicodeScalars.count ?? 1))
            reader.error(
                "expression-syntax", "JSONata \(error.code): \(error.message)", at: value.location(ofCharacter: start),
                hint: "in the expression `\(WeftExpression.excerpt(source))`")
            return nil
        }
    }

    /// Evaluates the expression.
    public func evaluate(_ input: JSON?, bindings: [String: JSON], options: EvaluationOptions) throws(JSONataError)
        -> JSON?
    {
        try compiled.evaluate(input, bindings: bindings, options: options)
    }

    public var description: String { source }

    /// The expression on one line, shortened, for messages.
    static func excerpt(_ source: String) -> String {
        let line = source.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
        return line.count > 60 ? String(line.prefix(57)) + "..." : line
    }
}

extension Spec where Value == WeftExpression {
    /// A JSONata expression. Numbers and Booleans written bare are taken as literal expressions.
    public static var expression: Spec<WeftExpression> {
        Spec(
            schema: { _ in ["type": ["string", "number", "boolean"], "format": "jsonata"] },
            read: { value, reader in
                switch value.kind {
                case .string(let text, _):
                    return WeftExpression.compile(text, in: value, reader: &reader)
                case .number, .bool, .null:
                    return WeftExpression.compile(value.json.serialized(), in: value, reader: &reader)
                default:
                    reader.typeMismatch(expected: "a JSONata expression", found: value)
                    return nil
                }
            })
    }
}
