import Foundation
import Testing
import WeftCatalog
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

/// An example flow of `examples/<name>/`, run in-process the way `weft run` runs it: the built-in apps, the
/// example's `connections.yaml` with its local addresses replaced by the simulators' and its `${NAME}`s taken
/// from `environment`, real HTTP through ``AsyncHTTPTransport``, and a manual clock.
struct ExampleFlow {
    /// The repository's root (this file is `Tests/WeftCatalogTests/Support/ExampleFlow.swift`).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    let flow: Flow
    let connections: ConnectionsFile.Contents

    /// Reads `examples/<name>/<name>.flow.yaml` and its `connections.yaml`.
    init(_ name: String, addresses: [String: String], environment: [String: String]) throws {
        let directory = Self.root.appendingPathComponent("examples/\(name)")
        let flowPath = "examples/\(name)/\(name).flow.yaml"
        let text = try String(contentsOf: directory.appendingPathComponent("\(name).flow.yaml"), encoding: .utf8)
        let (document, diagnostics) = WeftDocument.parse(text, file: flowPath)
        guard case .flow(let flow)? = document, !diagnostics.hasErrors else {
            throw ExampleFailure(message: "\(flowPath) does not read: \(diagnostics)")
        }
        let apps = BuiltInCatalog.entries.mapValues(\.manifest)
        let problems = FlowChecker(apps: apps).check(flow).filter { $0.severity == .error }
        guard problems.isEmpty else { throw ExampleFailure(message: "\(flowPath) has errors: \(problems)") }
        self.flow = flow
        var connectionsText = try String(
            contentsOf: directory.appendingPathComponent("connections.yaml"), encoding: .utf8)
        for (local, simulator) in addresses {
            connectionsText = connectionsText.replacingOccurrences(of: local, with: simulator)
        }
        connections = ConnectionsFile.parse(connectionsText, file: "connections.yaml", environment: environment)
        guard !connections.diagnostics.hasErrors else {
            throw ExampleFailure(message: "connections.yaml: \(connections.diagnostics)")
        }
    }

    /// Runs the flow on a webhook delivery of `body` (or a message for other triggers).
    func run(_ body: JSON, transport: AsyncHTTPTransport, clock: ManualClock, journal: RecordingJournal, runId: String)
        async -> RunRecord
    {
        let actions = LocalActions(
            apps: BuiltInCatalog.entries.mapValues(\.manifest), connections: connections.connections,
            pool: AppClientPool(transport: transport, clock: clock))
        let engine = FlowEngine(
            flow: flow, effects: LocalEffects(actions: actions, transport: transport), converter: StandardConverter(),
            clock: clock, journal: journal)
        let payload: JSON
        if case .webhook = flow.trigger { payload = ["body": body] } else { payload = body }
        let (message, trigger) = TriggerEvent.message(for: flow.trigger, payload: payload)
        return await engine.run(RunRequest(runId: runId, message: message, trigger: trigger))
    }

    /// The flow's own `tests:`, with their mocks (no network).
    func runOwnTests() async -> [FlowTestResult] {
        await FlowTestRunner(flow: flow, converter: StandardConverter()).runAll()
    }
}

struct ExampleFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
