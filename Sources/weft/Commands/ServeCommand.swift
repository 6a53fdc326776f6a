import ArgumentParser
import Foundation
import Hummingbird
import Logging
import WeftServer
import WeftStore
import WeftStoreSQLite

/// `weft serve`: the multi-tenant server on its embedded SQLite database.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the Weft server: the API for organizations, their flows, connections and runs.",
        discussion: """
            Everything is kept in --data (a SQLite database, created on first start); nothing else needs to be \
            installed. The server answers GET /healthz as soon as it listens and stops gracefully on Ctrl-C or \
            SIGTERM.
            """
    )

    @Option(help: "The data directory (created if missing).")
    var data = "weft-data"

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(
        name: .customLong("public-url"),
        help: "The address browsers reach the server at, for OAuth sign-in callbacks (default http://HOST:PORT).")
    var publicURL: String?

    @OptionGroup var runs: RunOptions

    @Option(name: .customLong("max-queued"), help: "Above this many queued runs, webhooks answer 503 with Retry-After.")
    var maximumQueued = 10_000

    @Option(name: .customLong("retention-days"), help: "How many days finished runs are kept.")
    var retentionDays = 30

    @Option(
        name: .customLong("file-root"),
        help: "Where file triggers may watch: each organization in DIR/<its id> only; without it they are refused.")
    var fileRoot: String?

    @Flag(
        name: .customLong("no-worker"), help: "Take webhooks and API calls only; leave runs to `weft worker` processes."
    )
    var noWorker = false

    func run() async throws {
        let logger = try runs.bootstrapLogging(label: "weft")
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let path = (data as NSString).appendingPathComponent("weft.sqlite")
        let store = SQLiteStore(path: path)
        do {
            try await serve(store: store, path: path, logger: logger)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    private func serve(store: SQLiteStore, path: String, logger: Logger) async throws {
        // The master key protecting stored secrets: WEFT_MASTER_KEY, or a key file made on first start.
        let masterKey = try MasterKey.load(environment: ProcessInfo.processInfo.environment, dataDirectory: data)
        try await store.migrate()
        var configuration = ServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.publicURL = publicURL
        configuration.egressAllowList = Set(runs.allowEgress)
        var settings = runs.settings
        settings.maximumQueued = maximumQueued
        settings.retention = .seconds(retentionDays * 24 * 3600)
        settings.runsWorker = !noWorker
        settings.fileRoot = fileRoot
        let firstStart = try await store.userCount() == 0
        let host = host
        let application = buildApplication(
            configuration: configuration, store: store, masterKey: masterKey, runSettings: settings, logger: logger
        ) { port in
            printLine("weft is serving on http://\(host):\(port) (data: \(path), master key \(masterKey.id))")
            if firstStart { printLine(Self.welcome(host: host, port: port, path: path)) }
        }
        try await application.runService()
    }

    /// What the very first start prints: how to get in.
    static func welcome(host: String, port: Int, path: String) -> String {
        let base = "http://\(host):\(port)"
        return """
            Weft is starting with a new database at \(path). There are no accounts yet; create the first one:

              curl -s -X POST \(base)/v1/auth/signup -H 'Content-Type: application/json' \\
                -d '{"email": "you@example.com", "name": "Your Name", "password": "a long passphrase"}'

            The answer holds your token. Then create your organization:

              curl -s -X POST \(base)/v1/orgs -H "Authorization: Bearer $TOKEN" -d '{"name": "Acme"}'

            """
    }
}
