import ArgumentParser
import Foundation
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftServer

/// `weft run FLOW`: runs a flow once on a message, locally; with `--serve`, serves its trigger.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a flow on one message (or a dry run of it), or serve its trigger with --serve.",
        discussion: """
            The message is the --input document (for a webhook flow: the request body). Connections come from
            a YAML file whose values may reference environment variables as ${NAME}; its `secrets:` section holds
            webhook verification secrets. Exit status: 0 when the run succeeded or was filtered, 1 when it failed,
            2 when the flow or its inputs are invalid.

            With --serve, the flow's own trigger runs until interrupted (Ctrl-C): a webhook is answered on
            --host:--port at its `path` (default /hooks/<flow>), a schedule fires, a poll calls its action, a file
            trigger watches its directory (relative to the current directory). Trigger state (last fire, poll
            cursor, marked files) is kept in --state-dir so a restart resumes where it stopped.
            """
    )

    @Argument(help: "The flow file.")
    var flow: String

    @Option(help: "The message: a JSON file, or - for standard input; for a file flow, the file to process.")
    var input: String?

    @Flag(help: "Perform reads, but no writes: print what would be sent instead.")
    var dryRun = false

    @Option(help: "A YAML file of connections (values may use ${ENV_VAR}).")
    var connections: String?

    @Option(help: "A directory of app manifests the flow uses, besides the built-in apps (same id: the file wins).")
    var apps: String?

    @Option(name: .customLong("var"), help: "A variable, as name=value (value read as JSON when it parses).")
    var variables: [String] = []

    @Option(help: "How to print the run: text or json.")
    var logFormat = "text"

    @Option(help: "The run's id (default: a random one).")
    var runId: String?

    @Flag(help: "Serve the flow's trigger (webhook, schedule, poll, file) until interrupted.")
    var serve = false

    @Option(help: "With --serve: the address a webhook listens on.")
    var host = "127.0.0.1"

    @Option(help: "With --serve: the port a webhook listens on (0 picks a free one).")
    var port = 8080

    @Option(help: "With --serve: where trigger state is kept.")
    var stateDir = ".weft/state"

    func run() async throws {
        let workspace = Workspace.load(files: [flow], appsDirectory: apps)
        for diagnostic in workspace.diagnostics.sorted(by: { $0.location < $1.location }) {
            standardError(diagnostic.description)
        }
        guard !workspace.diagnostics.hasErrors, let flow = workspace.flows.first else { throw ExitCode(2) }
        guard let format = ConsoleJournal.Format(rawValue: logFormat) else {
            throw ValidationError("--log-format must be text or json")
        }

        var contents = ConnectionsFile.Contents()
        if let connections {
            let text = try readText(connections)
            contents = ConnectionsFile.parse(text, file: connections, environment: ProcessInfo.processInfo.environment)
            for diagnostic in contents.diagnostics { standardError(diagnostic.description) }
            if contents.diagnostics.hasErrors { throw ExitCode(2) }
        }
        var bindings: [String: JSON] = [:]
        for assignment in variables {
            guard let equals = assignment.firstIndex(of: "=") else { throw ValidationError("--var takes name=value") }
            let value = String(assignment[assignment.index(after: equals)...])
            bindings[String(assignment[..<equals])] = (try? JSONParser().parse(value)) ?? .string(value)
        }

        let transport = AsyncHTTPTransport()
        let journal = ConsoleJournal(format: format, showsSteps: !serve)
        let actions = LocalActions(
            apps: workspace.apps, connections: contents.connections, pool: AppClientPool(transport: transport))
        let effects = LocalEffects(actions: actions, transport: transport)
        let engine = FlowEngine(
            flow: flow, effects: effects, converter: StandardConverter(), clock: SystemWallClock(), journal: journal)

        if serve {
            do {
                try await serveTrigger(engine: engine, effects: effects, secrets: contents.secrets, variables: bindings)
            } catch {
                try? await transport.shutdown()
                throw error
            }
            try? await transport.shutdown()
            return
        }
        let message: JSON
        let trigger: JSON
        do {
            (message, trigger) = try readMessage(for: flow)
        } catch {
            try? await transport.shutdown()
            throw error
        }
        let id = runId ?? LocalRunQueue.randomRunId()
        if format == .text { printLine("▶ \(flow.id) \(id)\(dryRun ? " (dry run)" : "")") }
        let record = await engine.run(
            RunRequest(runId: id, message: message, trigger: trigger, variables: bindings, dryRun: dryRun))
        try? await transport.shutdown()
        report(record, format: format)
        switch record.state {
        case .succeeded, .filtered: return
        default: throw ExitCode(1)
        }
    }

    /// The run's message and `$trigger` from `--input`: for a file flow the input is the file to process, read as
    /// the trigger reads it; for a webhook the request body; otherwise the message itself.
    private func readMessage(for flow: Flow) throws -> (JSON, JSON) {
        if case .file(let file) = flow.trigger, let input, input != "-" {
            let source = FileSource(
                trigger: file, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                clock: SystemWallClock(), state: MemoryTriggerState())
            do throws(StepFailure) {
                let delivery = try source.delivery(of: URL(fileURLWithPath: input))
                return (delivery.message, delivery.event)
            } catch {
                throw ValidationError("\(input) cannot be read as \(file.format.rawValue): \(error.message)")
            }
        }
        let payload = try input.map(readJSON) ?? .object([:])
        return flow.trigger.isWebhook
            ? TriggerEvent.message(for: flow.trigger, payload: ["body": payload])
            : TriggerEvent.message(for: flow.trigger, payload: payload)
    }

    /// Serves the flow's trigger until interrupted, printing a line per run.
    private func serveTrigger(
        engine: FlowEngine, effects: any RunEffects, secrets: [String: SecretString], variables: [String: JSON]
    ) async throws {
        guard let format = ConsoleJournal.Format(rawValue: logFormat) else { return }
        var options = LocalFlowHost.Options()
        options.host = host
        options.port = port
        options.stateDirectory = URL(fileURLWithPath: stateDir)
        options.variables = variables
        options.dryRun = dryRun
        let flowId = engine.flow.id
        let dryRun = dryRun
        let events = LocalFlowHost.Events(
            ready: { description in
                switch format {
                case .text:
                    printLine("▶ serving \(flowId)\(dryRun ? " (dry run)" : ""): \(description); Ctrl-C to stop")
                case .json:
                    printLine(
                        JSON.object(["event": "ready", "flow": .string(flowId), "trigger": .string(description)])
                            .serialized())
                }
            },
            finished: { record, _ in RunCommand.summarize(record, format: format) },
            notice: { notice in
                switch format {
                case .text: standardError(notice.description)
                case .json:
                    printLine(
                        JSON.object([
                            "event": "trigger", "level": .string(notice.level.rawValue),
                            "message": .string(notice.message),
                        ]).serialized())
                }
            })
        let host = LocalFlowHost(engine: engine, options: options, secrets: secrets, events: events)
        do {
            try await host.run(effects: effects)
        } catch let error as LocalFlowHostError {
            standardError("\(engine.flow.id): \(error)")
            throw ExitCode(2)
        } catch let error as FileSourceError {
            standardError("\(engine.flow.id): \(error)")
            throw ExitCode(2)
        }
        if format == .text { printLine("stopped") }
    }

    /// One line for a run finished while serving.
    static func summarize(_ record: RunRecord, format: ConsoleJournal.Format) {
        switch format {
        case .json:
            var summary: JSONObject = ["event": "run_finished"]
            if case .object(let fields) = record.json {
                for (key, value) in fields where key != "steps" { summary[key] = value }
            }
            printLine(JSON.object(summary).serialized())
        case .text:
            var line =
                "\(record.state == .succeeded || record.state == .filtered ? "✓" : "✗") \(record.runId) "
                + "\(record.state.rawValue) in \(ConsoleJournal.milliseconds(record.milliseconds))"
            if let failed = record.failedStep { line += " at `\(failed)`" }
            if let error = record.error { line += ": \(error)" }
            printLine(line)
        }
    }

    private func report(_ record: RunRecord, format: ConsoleJournal.Format) {
        switch format {
        case .json:
            Self.summarize(record, format: .json)
        case .text:
            printLine("")
            let width = max(28, (record.steps.map(\.path.count).max() ?? 0) + 2)
            let kindWidth = max(10, (record.steps.map(\.kind.count).max() ?? 0) + 2)
            func column(_ text: String, _ width: Int) -> String {
                text.padding(toLength: width, withPad: " ", startingAt: 0)
            }
            printLine(column("step", width) + column("kind", kindWidth) + "state      attempts  duration")
            for step in record.steps {
                printLine(
                    column(step.path, width) + column(step.kind, kindWidth) + column(step.state.rawValue, 11)
                        + column(String(step.attempts), 10) + ConsoleJournal.milliseconds(step.milliseconds))
            }
            printLine("")
            var line =
                "run \(record.runId) \(record.state.rawValue) in \(ConsoleJournal.milliseconds(record.milliseconds))"
            if let failed = record.failedStep { line += " at `\(failed)`" }
            if let error = record.error { line += ": \(error)" }
            printLine(line)
            if let output = record.output, record.state == .succeeded {
                printLine("output:")
                printLine(output.serialized(indent: 2))
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
