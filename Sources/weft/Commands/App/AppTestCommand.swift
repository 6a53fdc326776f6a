import ArgumentParser
import Foundation
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

/// `weft app test APP#ACTION`: calls one action for real and shows every request and response.
struct AppTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Call one action of an app with an input and a connection, showing requests and responses.",
        discussion: """
            APP is a manifest file (shop.app.yaml#list_orders) or an app id found in --apps (shop#list_orders). The \
            connection is the one of the --connections file for that app (or --connection NAME). Secrets are \
            masked in everything printed. Exit status: 0 when the call succeeded, 1 when it failed (HTTP error, \
            schema mismatch, ...), 2 when the app, action, input or connection cannot be used.
            """
    )

    @Argument(help: "APP#ACTION: a manifest file or app id, and the action's name.")
    var target: String

    @Option(help: "The action's input: a JSON file, or - for standard input (default: {}).")
    var input: String?

    @Option(help: "A YAML file of connections (values may use ${ENV_VAR}).")
    var connections: String?

    @Option(help: "Which connection of the file to use, when it has several for the app.")
    var connection: String?

    @Option(help: "A directory of app manifests, to find APP by id.")
    var apps: String?

    @Flag(help: "Perform reads, but describe a write instead of sending it.")
    var dryRun = false

    @Option(help: "Output format: text or json.")
    var format = ValidateCommand.Format.text

    func run() async throws {
        guard let hash = target.lastIndex(of: "#") else {
            throw ValidationError("name the action as APP#ACTION, such as shop.app.yaml#list_orders")
        }
        let appName = String(target[..<hash])
        let actionName = String(target[target.index(after: hash)...])
        let app = try loadApp(appName)
        guard app.actions[actionName] != nil else {
            let known = app.actions.keys.joined(separator: ", ")
            standardError("the app `\(app.id)` has no action `\(actionName)`; it has: \(known)")
            throw ExitCode(2)
        }
        let values = try loadConnection(for: app)
        let payload = try input.map(readJSON) ?? .object([:])

        let transport = AsyncHTTPTransport()
        let trial = await ActionTrial.run(
            app: app, action: actionName, connection: values, input: payload, transport: transport, dryRun: dryRun,
            journal: ConsoleJournal(format: format == .json ? .json : .text))
        try? await transport.shutdown()
        switch format {
        case .json: print(trial.json.serialized(indent: 2))
        case .text: printText(trial)
        }
        if !trial.succeeded { throw ExitCode(1) }
    }

    private func loadApp(_ name: String) throws -> AppManifest {
        var path = name
        if !FileManager.default.fileExists(atPath: path), let apps {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: apps)) ?? []
            for entry in entries.sorted() where entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") {
                let candidate = (apps as NSString).appendingPathComponent(entry)
                if case .app(let app)? = WeftDocument.load(path: candidate).document, app.id == name {
                    path = candidate
                    break
                }
            }
        }
        let loaded = WeftDocument.load(path: path)
        guard loaded.readable else {
            standardError("cannot read \(name)\(apps == nil ? " (give --apps DIR to find an app by id)" : "")")
            throw ExitCode(2)
        }
        for diagnostic in loaded.diagnostics { standardError(diagnostic.description) }
        guard case .app(let app)? = loaded.document, !loaded.diagnostics.hasErrors else {
            if !loaded.diagnostics.hasErrors { standardError("\(path) is not an app manifest") }
            throw ExitCode(2)
        }
        return app
    }

    private func loadConnection(for app: AppManifest) throws -> ConnectionValues {
        guard let connections else {
            // An app without connection fields (or with defaults for all) can be called without a file.
            return ConnectionValues(name: app.id, app: app.id, fields: [:])
        }
        let contents = ConnectionsFile.parse(
            try readText(connections), file: connections, environment: ProcessInfo.processInfo.environment)
        for diagnostic in contents.diagnostics { standardError(diagnostic.description) }
        if contents.diagnostics.hasErrors { throw ExitCode(2) }
        if let connection {
            guard let values = contents.connections[connection] else {
                standardError("\(connections) has no connection `\(connection)`")
                throw ExitCode(2)
            }
            return values
        }
        let candidates = contents.connections.values.filter { $0.app == app.id }.sorted { $0.name < $1.name }
        guard let only = candidates.first, candidates.count == 1 else {
            standardError(
                candidates.isEmpty
                    ? "\(connections) has no connection for the app `\(app.id)`"
                    : "\(connections) has several connections for `\(app.id)` "
                        + "(\(candidates.map(\.name).joined(separator: ", "))); choose one with --connection")
            throw ExitCode(2)
        }
        return only
    }

    private func printText(_ trial: ActionTrial) {
        for (index, exchange) in trial.exchanges.enumerated() {
            print("── request \(index + 1) ──")
            print("\(exchange.request.method.rawValue) \(exchange.request.url)")
            for header in exchange.request.headers { print("\(header.name): \(header.value)") }
            if let body = exchange.request.body, !body.isEmpty { print(Self.pretty(body)) }
            if let response = exchange.response {
                print(
                    "── response \(index + 1): \(response.status) in \(ConsoleJournal.milliseconds(exchange.milliseconds)) ──"
                )
                for header in response.headers { print("\(header.name): \(header.value)") }
                if !response.body.isEmpty { print(Self.pretty(response.body)) }
            } else if let failure = exchange.failure {
                print("── no response: \(failure) ──")
            }
        }
        print("")
        if let failure = trial.failure {
            print(
                "✗ \(trial.app)/\(trial.action) failed in \(ConsoleJournal.milliseconds(trial.milliseconds)): \(failure)"
            )
        } else {
            print("✓ \(trial.app)/\(trial.action) succeeded in \(ConsoleJournal.milliseconds(trial.milliseconds))")
            print("output:")
            print((trial.output ?? .null).serialized(indent: 2))
        }
    }

    static func pretty(_ body: [UInt8]) -> String {
        if let parsed = try? JSONParser().parse(body) { return parsed.serialized(indent: 2) }
        return String(decoding: body, as: UTF8.self)
    }
}
