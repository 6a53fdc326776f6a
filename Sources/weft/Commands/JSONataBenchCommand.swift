import ArgumentParser
import JSONata
import WeftJSON

/// `weft jsonata bench`: compiles once, then times repeated evaluations.
struct JSONataBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the evaluation of a compiled expression (use a release build).",
        discussion: "Ends with the line `median: X µs per evaluation`."
    )

    @OptionGroup var source: ExpressionSource

    @Option(help: "The input JSON file.")
    var input: String

    @Option(help: "How many timed evaluations.")
    var iterations = 20_000

    func run() throws {
        let text = try source.text()
        let document = try readJSON(input)
        let clock = ContinuousClock()
        let expression: JSONataExpression
        let compileStart = clock.now
        do {
            expression = try JSONataExpression(text)
        } catch {
            printError(error, in: text)
            throw ExitCode(1)
        }
        let compileTime = clock.now - compileStart
        let options = EvaluationOptions(timeLimit: nil)
        // Warm up, and check the expression evaluates.
        do {
            for _ in 0..<min(1000, iterations) { _ = try expression.evaluate(document, options: options) }
        } catch {
            printError(error, in: text)
            throw ExitCode(1)
        }
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        // Time batches so that clock reads do not dominate sub-microsecond evaluations.
        let batch = 10
        for _ in 0..<max(1, iterations / batch) {
            let start = clock.now
            for _ in 0..<batch { _ = try? expression.evaluate(document, options: options) }
            let elapsed = clock.now - start
            samples.append(microseconds(elapsed) / Double(batch))
        }
        samples.sort()
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        print("compile: \(format(microseconds(compileTime))) µs")
        print("evaluations: \(samples.count * batch) (batches of \(batch))")
        print("min: \(format(samples[0])) µs  p90: \(format(percentile(0.9))) µs  p99: \(format(percentile(0.99))) µs")
        print("median: \(format(percentile(0.5))) µs per evaluation")
    }
}

func microseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1_000_000 + Double(attoseconds) / 1_000_000_000_000
}

func format(_ value: Double) -> String {
    let rounded = (value * 1000).rounded() / 1000
    return String(rounded)
}
