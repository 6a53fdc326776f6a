import ArgumentParser
import Foundation
import JSONataSuite

/// `weft jsonata suite DIR`: runs a conformance suite and reports every failure.
struct JSONataSuiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suite",
        abstract: "Run a JSONata conformance suite (groups/ and datasets/) and print each failure."
    )

    @Argument(help: "The suite directory, such as ../shared/data/jsonata-suite.")
    var directory: String

    @Option(help: "Only run cases whose name contains this text.")
    var filter: String?

    func run() throws {
        let runner = SuiteRunner(directory: URL(fileURLWithPath: directory))
        let cases: [SuiteCase]
        do {
            cases = try runner.loadCases()
        } catch {
            standardError("error: \(error)")
            throw ExitCode(2)
        }
        var passed = 0
        var failed = 0
        for suiteCase in cases where filter.map({ suiteCase.name.contains($0) }) ?? true {
            let outcome = runner.run(suiteCase)
            if outcome.passed {
                passed += 1
                continue
            }
            failed += 1
            print("FAIL \(suiteCase.name)")
            print("  expression: \(suiteCase.expression.replacingOccurrences(of: "\n", with: " "))")
            print("  expected:   \(outcome.expected)")
            print("  actual:     \(outcome.actual)")
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
