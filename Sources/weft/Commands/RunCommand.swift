import ArgumentParser
import Foundation
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

/// `weft run FLOW`: runs a flow once on a message, locally.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a flow on one message (or a dry run of it), printing each step and a summary.",
        discussion: """
            The message is the --input document (for a webhook flow: the request body). Connections come from
            a YAML file whose values may reference environment variables as ${NAME}. Exit status: 0 when the run
            succeeded or was filtered, 1 when it failed, 2 when the flow or its inputs are invalid.
            """
    )

    @Argument(help: "The flow file.")
    var flow: String

    @Option(help: "The message: a JSON file, or - for standard input.")
    var input: String?

    @Flag(help: "Perform reads, but no writes: print what would be sent instead.")
    var dryRun = false

    @Option(help: "A YAML file of connections (values may use ${ENV_VAR}).")
    var connections: String?

    @Option(help: "A directory of app manifests the flow uses.")
    var apps: String?

    @Option(name: .customLong("var"), help: "A variable, as name=value (value read as JSON when it parses).")
    var variables: [String] = []

    @Option(help: "How to print the run: text or json.")
    var logFormat = "text"

    @Option(help: "The run's id (default: a random one).")
    var runId: String?

    func run() async throws {
        let workspace = Workspace.load(files: [flow], appsDirectory: apps)
        for diagnostic in workspace.diagnostics.sorted(by: { $0.location < $1.location }) {
            standardError(diagnostic.description)
        }
        guard !workspace.diagnostics.hasErrors, let flow = workspace.flows.first else { throw ExitCode(2) }
        guard let format = ConsoleJournal.Format(rawValue: logFormat) else {
            throw ValidationError("--log-format must be text or json")
        }

        var connectionValues: [String: ConnectionValues] = [:]
        if let connections {
            let text = try readText(connections)
            let parsed = ConnectionsFile.parse(
                text, file: connections, environment: ProcessInfo.processInfo.environment)
            for diagnostic in parsed.diagnostics { standardError(diagnostic.description) }
            if parsed.diagnostics.hasErrors { throw ExitCode(2) }
            connectionValues = parsed.connections
        }
        var bindings: [String: JSON] = [:]
        for assignment in variables {
            guard let equals = assignment.firstIndex(of: "=") else { throw ValidationError("--var takes name=value") }
            let value = String(assignment[assignment.index(after: equals)...])
            bindings[String(assignment[..<equals])] = (try? JSONParser().parse(value)) ?? .string(value)
        }
        let payload = try input.map(readJSON) ?? .object([:])
        let (message, trigger) =
            flow.trigger.isWebhook
            ? TriggerEvent.message(for: flow.trigger, payload: ["body": payload])
            : TriggerEvent.message(for: flow.trigger, payload: payload)

        let transport = AsyncHTTPTransport()
        let journal = ConsoleJournal(format: format)
        let actions = LocalActions(
            apps: workspace.apps, connections: connectionValues, pool: AppClientPool(transport: transport))
        let engine = FlowEngine(
            flow: flow, effects: LocalEffects(actions: actions, transport: transport), converter: StandardConverter(),
            clock: SystemWallClock(), journal: journal)
        let id = runId ?? "run_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        if format == .text { print("▶ \(flow.id) \(id)\(dryRun ? " (dry run)" : "")") }
        let record = await engine.run(
            RunRequest(runId: id, message: message, trigger: trigger, variables: bindings, dryRun: dryRun))
        try? await transport.shutdown()
        report(record, format: format)
        switch record.state {
        case .succeeded, .filtered: return
        default: throw ExitCode(1)
        }
    }

    private func report(_ record: RunRecord, format: ConsoleJournal.Format) {
        switch format {
        case .json:
            var summary: JSONObject = ["event": "run_finished"]
            if case .object(let fields) = record.json {
                for (key, value) in fields where key != "steps" { summary[key] = value }
            }
            print(JSON.object(summary).serialized())
        case .text:
            print("")
            print("step".padding(toLength: 28, withPad: " ", startingAt: 0) + "kind      state      attempts  duration")
            for step in record.steps {
                print(
                    step.path.padding(toLength: 28, withPad: " ", startingAt: 0)
                        + step.kind.padding(toLength: 10, withPad: " ", startingAt: 0)
                        + step.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
                        + String(step.attempts).padding(toLength: 10, withPad: " ", startingAt: 0)
                        + ConsoleJournal.milliseconds(step.milliseconds))
            }
            print("")
            var line =
                "run \(record.runId) \(record.state.rawValue) in \(ConsoleJournal.milliseconds(record.milliseconds))"
            if let failed = record.failedStep { line += " at `\(failed)`" }
            if let error = record.error { line += ": \(error)" }
            print(line)
            if let output = record.output, record.state == .succeeded {
                print("output:")
                print(output.serialized(indent: 2))
            }
        }
    }
}

extension Trigger {
    var isWebhook: Bool {
        if case .webhook = self { return true }
        return false
    }
}
