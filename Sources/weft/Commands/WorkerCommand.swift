import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import WeftServer
import WeftStore
import WeftStoreSQLite

/// `weft worker`: claims and executes queued runs of a server's database, without serving HTTP — more
/// processes to run flows beside `weft serve` (which can leave runs to workers with `--no-worker`).
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Execute queued runs of a server's database (beside `weft serve`), without serving HTTP.")

    @Option(help: "The data directory of the server (its weft.sqlite and master key).")
    var data = "weft-data"

    @OptionGroup var runs: RunOptions

    func run() async throws {
        let logger = try runs.bootstrapLogging(label: "weft.worker")
        let path = (data as NSString).appendingPathComponent("weft.sqlite")
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no database at \(path): start `weft serve --data \(data)` first")
        }
        let store = SQLiteStore(path: path)
        let masterKey = try MasterKey.load(environment: ProcessInfo.processInfo.environment, dataDirectory: data)
        try await store.migrate()
        let outbound = OutboundHTTP(allowedHosts: Set(runs.allowEgress))
        var settings = runs.settings
        // Schedules, polls and file triggers are fired by `weft serve`; a worker only executes.
        settings.runsTriggers = false
        let execution = RunExecution(
            store: store, sealer: SecretSealer(keyring: TenantKeyring(store: store, masterKey: masterKey)),
            outbound: outbound, settings: settings, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [outbound] + execution.services, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        printLine("weft worker is executing runs of \(path)")
        do {
            try await group.run()
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
