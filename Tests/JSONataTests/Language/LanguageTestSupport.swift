import Testing
import WeftJSON

@testable import JSONata

/// Compiles and evaluates `expression` against `input` (`nil` for no input); `nil` result means undefined.
func evaluate(
    _ expression: String, _ input: JSON? = nil, bindings: [String: JSON] = [:],
    options: EvaluationOptions = EvaluationOptions()
) throws(JSONataError) -> JSON? {
    try JSONataExpression(expression).evaluate(input, bindings: bindings, options: options)
}

/// Parses JSON text; for documents that are clearer written as JSON than as Swift literals.
func json(_ text: String) throws -> JSON {
    try JSONParser().parse(text)
}

/// The error raised when compiling or evaluating `expression`, or `nil` when there is none.
func evaluationError(
    _ expression: String, _ input: JSON? = nil, bindings: [String: JSON] = [:],
    options: EvaluationOptions = EvaluationOptions()
) -> JSONataError? {
    do {
        _ = try evaluate(expression, input, bindings: bindings, options: options)
        return nil
    } catch {
        return error
    }
}

/// Records an issue unless compiling or evaluating `expression` fails with `code` (and, when given, at
/// `position`, the character offset JSONata reports for the offending token).
func expectError(
    _ expression: String, _ input: JSON? = nil, code: String, position: Int? = nil,
    bindings: [String: JSON] = [:], options: EvaluationOptions = EvaluationOptions(),
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let error = evaluationError(expression, input, bindings: bindings, options: options) else {
        Issue.record("expected error \(code) from \(expression), got a result", sourceLocation: sourceLocation)
        return
    }
    #expect(error.code == code, "\(expression): \(error)", sourceLocation: sourceLocation)
    if let position {
        #expect(error.position == position, "\(expression): \(error)", sourceLocation: sourceLocation)
    }
}

/// A small order document shared by several suites.
let orderDocument: JSON = [
    "order": "A-17",
    "customer": ["name": "Ada", "email": "ada@example.com", "address": ["city": "London", "zip": "N1"]],
    "items": [
        ["sku": "p1", "name": "Pen", "price": 2.5, "quantity": 4, "tags": ["office", "cheap"]],
        ["sku": "p2", "name": "Lamp", "price": 30, "quantity": 1, "tags": ["home"]],
        ["sku": "p3", "name": "Desk", "price": 120, "quantity": 1, "tags": ["office", "home"]],
    ],
]
