import ArgumentParser
import WeftConnectors
import WeftModel
import WeftRuntime

/// `weft test FILE...`: runs the `tests:` of flows, hermetically.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests of flows: trigger payloads, mocked calls, expectations. No network, no files.",
        discussion:
            "Ends with `N passed, M failed`; exit status 0 when all pass, 1 otherwise, 2 when a file is invalid."
    )

    @Argument(help: "Flow files.")
    var files: [String]

    @Option(help: "A directory of app manifests the flows use, besides the built-in apps (same id: the file wins).")
    var apps: String?

    @Flag(help: "Print every step of every test run.")
    var verbose = false

    func run() async throws {
        let workspace = Workspace.load(files: files, appsDirectory: apps)
        if workspace.diagnostics.hasErrors {
            for diagnostic in workspace.diagnostics.sorted(by: { $0.location < $1.location }) { print(diagnostic) }
            throw ExitCode(2)
        }
        var passed = 0
        var failed = 0
        for flow in workspace.flows {
            if flow.tests.isEmpty {
                print("\(flow.file): no tests")
                continue
            }
            for result in await FlowTestRunner(flow: flow, converter: StandardConverter()).runAll() {
                if result.passed {
                    passed += 1
                    print("✓ \(flow.id): \(result.name)")
                } else {
                    failed += 1
                    print("✗ \(flow.id): \(result.name)")
                    for failure in result.failures { print("    \(failure)") }
                }
                if verbose || !result.passed {
                    for step in result.record.steps {
                        print(
                            "      \(step.path) [\(step.kind)] \(step.state.rawValue)"
                                + (step.error.map { ": \($0)" } ?? ""))
                    }
                }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
