import Foundation
import Logging
import ServiceLifecycle
import WeftConnectors
import WeftStore

/// Everything that creates and runs runs in one server process: the intake every trigger submits to, the worker
/// that claims and runs them, the waiters of synchronous answers, the retention purge, and the metrics they feed.
public final class RunExecution: Sendable {
    /// How runs are paced and kept.
    public struct Settings: Sendable {
        /// Runs executed at once by this process.
        public var concurrency = 64
        /// Runs of one organization executed at once by this process.
        public var perTenant = 32
        /// Above this many queued runs, webhooks answer 503 with `Retry-After`.
        public var maximumQueued = 10_000
        /// How long finished runs are kept.
        public var retention: Duration = .seconds(30 * 24 * 3600)
        /// How long a claimed run is held without a heartbeat: a run whose process died is taken over after it.
        public var leaseDuration: TimeInterval = 30
        /// Where file triggers may watch, each organization in its own directory under it; nil refuses them.
        public var fileRoot: String?
        /// Whether this process fires schedules, polls and file triggers (one process of a deployment does).
        public var runsTriggers = true
        /// Whether this process claims runs (`weft serve --no-worker` leaves them to `weft worker` processes).
        public var runsWorker = true

        /// The defaults.
        public init() {}
    }

    let store: any WeftStore
    /// Opens connections' secrets for runs, webhook verification and the routes.
    let sealer: SecretSealer
    let metrics: Metrics
    let intake: RunIntake
    let waiters = RunWaiters()
    let resources: FlowResources
    let worker: RunWorker
    let retention: RetentionService
    let triggers: TriggerHost
    let settings: Settings

    /// Creates the execution side of a server; its ``services`` must run for runs to be executed.
    public init(
        store: any WeftStore, sealer: SecretSealer, outbound: any HTTPTransport, metrics: Metrics = Metrics(),
        settings: Settings = Settings(), logger: Logger = Logger(label: "weft.runs")
    ) {
        self.store = store
        self.sealer = sealer
        self.metrics = metrics
        self.settings = settings
        metrics.describeWeftMetrics()
        let signal = WorkerSignal()
        let depth = QueueDepth()
        intake = RunIntake(
            store: store, wake: signal, metrics: metrics, depth: depth, maximumQueued: settings.maximumQueued)
        resources = FlowResources(sealer: sealer)
        let executor = RunExecutor(
            store: store, resources: resources, outbound: outbound, metrics: metrics,
            logger: logger, maximumClaims: 5)
        var workerSettings = RunWorker.Settings()
        workerSettings.concurrency = settings.concurrency
        workerSettings.perTenant = settings.perTenant
        workerSettings.leaseDuration = settings.leaseDuration
        worker = RunWorker(
            store: store, executor: executor, signal: signal, waiters: waiters, depth: depth, metrics: metrics,
            settings: workerSettings, logger: logger)
        triggers = TriggerHost(
            store: store, intake: intake, sealer: sealer, outbound: outbound, fileRoot: settings.fileRoot,
            logger: logger)
        retention = RetentionService(
            store: store, retention: settings.retention, interval: .seconds(3600), logger: logger)
        metrics.gaugeProvider(Metrics.Weft.queueDepth) { [store] in
            guard let status = try? await store.queueStatus() else { return [] }
            return [([:], Double(status.queued))]
        }
        metrics.gaugeProvider(Metrics.Weft.queueOldestAgeSeconds) { [store] in
            guard let status = try? await store.queueStatus() else { return [] }
            return [([:], status.oldestAvailableAt.map { max(0, Date().timeIntervalSince($0)) } ?? 0)]
        }
    }

    /// The services to run beside the HTTP server.
    public var services: [any Service] {
        var services: [any Service] = [retention]
        if settings.runsWorker { services.append(worker) }
        if settings.runsTriggers { services.append(triggers) }
        return services
    }

    /// Whether runs can be taken and executed: the store answers, and the worker claims (when this process has
    /// one).
    func ready() async -> Bool {
        guard (try? await store.queueStatus()) != nil else { return false }
        return !settings.runsWorker || worker.running.load(ordering: .relaxed)
    }
}
