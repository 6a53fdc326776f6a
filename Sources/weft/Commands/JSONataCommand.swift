import ArgumentParser

/// `weft jsonata ...`: evaluate, test and measure JSONata expressions.
struct JSONataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonata",
        abstract: "Evaluate, conformance-test and benchmark JSONata expressions.",
        subcommands: [JSONataEvalCommand.self, JSONataSuiteCommand.self, JSONataBenchCommand.self]
    )
}

/// The expression to work on: inline or from a file.
struct ExpressionSource: ParsableArguments {
    @Argument(help: "The JSONata expression (or use --expr-file).")
    var expression: String?

    @Option(name: .customLong("expr-file"), help: "Read the expression from this file.")
    var expressionFile: String?

    func text() throws -> String {
        switch (expression, expressionFile) {
        case (let expression?, nil): return expression
        case (nil, let file?): return try readText(file)
        case (nil, nil): throw ValidationError("Give an expression or --expr-file FILE.")
        default: throw ValidationError("Give either an expression or --expr-file, not both.")
        }
    }
}
