import ArgumentParser
import JSONata
import WeftJSON

/// `weft jsonata eval`: prints the result of an expression as JSON.
struct JSONataEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a JSONata expression and print the result as JSON (nothing when undefined)."
    )

    @OptionGroup var source: ExpressionSource

    @Option(help: "The input document: a JSON file, or - for standard input. Without it the input is undefined.")
    var input: String?

    @Option(help: "A JSON file with an object of variable bindings (names without $).")
    var bindings: String?

    @Flag(help: "Print the result on one line.")
    var compact = false

    func run() throws {
        let text = try source.text()
        let document = try input.map(readJSON)
        var variables: [String: JSON] = [:]
        if let bindings {
            guard case .object(let object) = try readJSON(bindings) else {
                throw ValidationError("--bindings must hold a JSON object")
            }
            for (key, value) in object { variables[key] = value }
        }
        do throws(JSONataError) {
            let expression = try JSONataExpression(text)
            if let result = try expression.evaluate(document, bindings: variables) {
                print(result.serialized(indent: compact ? 0 : 2))
            }
        } catch {
            printError(error, in: text)
            throw ExitCode(1)
        }
    }
}

/// Writes a JSONata error to standard error with a caret under its position.
func printError(_ error: JSONataError, in expression: String) {
    var message = "error \(error.code)"
    if let position = error.position { message += " at position \(position)" }
    message += ": \(error.message)"
    standardError(message)
    if let position = error.position, !expression.contains("\n") {
        standardError("  " + expression)
        standardError("  " + String(repeating: " ", count: max(0, position - 1)) + "^")
    }
}
