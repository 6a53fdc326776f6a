import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import WeftConnectors
import WeftRuntime
import WeftStore

/// Watches the triggers that start runs on their own — schedules, polls and file triggers — of every
/// organization's enabled flows, and hands what they deliver to the run intake.
///
/// On start, and then every ``refreshInterval``, the host lists the enabled flows and keeps one watching task per
/// flow, on its latest version: it starts the tasks of new flows, stops those of flows disabled or deleted, and
/// restarts on the new version those of flows saved again. Each delivery becomes a run through
/// ``RunIntake/submit(_:flow:version:trigger:tenant:dryRun:startedBy:)``, whose idempotency key (the schedule
/// instant, the poll record's key, the file's path and time) makes a delivery offered twice — after a restart,
/// or by two servers watching the same flow — one run. Trigger state lives in the store, so a restarted or
/// another server resumes where the last one stopped.
///
/// A flow whose trigger cannot be watched (a cron expression that does not read, a missing action or connection,
/// a directory outside the file root) is logged once per version and left alone. Graceful shutdown stops every
/// task and returns once they have ended.
final class TriggerHost: Service {
    let store: any WeftStore
    let intake: RunIntake
    let factory: TriggerFactory
    let clock: any WeftClock
    /// How often the enabled flows are listed again (in real time, whatever ``clock`` is).
    let refreshInterval: Duration
    let logger: Logger
    /// How many flows one store read lists.
    static let pageSize = 500
    /// The longest pause before a failed source is started again.
    static let longestRestartDelay: Duration = .seconds(300)

    private let state = Mutex(Registry())
    private let refreshes = Atomic<Int>(0)

    /// The host's view of the flows, kept between refreshes.
    private struct Registry {
        /// The watching task of each flow, by flow id.
        var watched: [StoreID: Watch] = [:]
        /// The version of each flow that needs no task: its trigger is not one the host watches, or it cannot be
        /// watched (already logged). Read again only once the flow has another version.
        var settled: [StoreID: Int] = [:]
        /// Set once the host stops: no task starts after.
        var stopped = false
    }

    private struct Watch {
        var flow: StoredFlow
        var version: Int
        var task: Task<Void, Never>
    }

    /// Creates the host.
    ///
    /// - Parameters:
    ///   - store: where flows, runs and trigger state live.
    ///   - intake: creates and enqueues the runs.
    ///   - sealer: opens the connections polls call their actions with.
    ///   - outbound: sends polls' requests (the server's client, behind the egress guard).
    ///   - fileRoot: where file triggers may watch: each organization only in its own directory under it, named by
    ///     its id (a relative trigger directory is relative to that); `nil` refuses every file trigger.
    ///   - clock: what schedules, polls and file triggers wait on (tests pass a manual one).
    ///   - refreshInterval: how often the enabled flows are listed again.
    ///   - logger: receives the triggers' notices, with the `tenant` and `flow` they concern.
    init(
        store: any WeftStore, intake: RunIntake, sealer: SecretSealer, outbound: any HTTPTransport,
        fileRoot: String?, clock: any WeftClock = SystemWallClock(), refreshInterval: Duration = .seconds(5),
        logger: Logger
    ) {
        self.store = store
        self.intake = intake
        let root = fileRoot.map {
            URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath()
        }
        factory = TriggerFactory(sealer: sealer, outbound: outbound, clock: clock, fileRoot: root)
        self.clock = clock
        self.refreshInterval = refreshInterval
        self.logger = logger
    }

    /// Refreshes until graceful shutdown (or cancellation), then stops every source and returns once they ended.
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { [self] in
                while !Task.isCancelled {
                    await refresh()
                    try await Task.sleep(for: refreshInterval)
                }
            }
        } catch is CancellationError {
            // Shutting down.
        }
        await stop()
    }

    /// The flow version each watching task follows, by flow id.
    var watchedVersions: [StoreID: Int] {
        state.withLock { registry in registry.watched.mapValues(\.version) }
    }

    /// How many refreshes have finished (listing failed or not).
    var completedRefreshes: Int { refreshes.load(ordering: .relaxed) }

    /// Lists the enabled flows once and brings the watching tasks in line with them. ``run()`` calls it, one at a
    /// time (two at once could both report the same broken trigger).
    func refresh() async {
        defer { refreshes.add(1, ordering: .relaxed) }
        let flows: [StoredFlow]
        do throws(StoreError) {
            flows = try await enabledFlows()
        } catch {
            // A refresh cut short by shutdown is no failure.
            guard !Task.isCancelled else { return }
            logger.error(
                "the enabled flows could not be listed; the triggers watched go on", metadata: ["error": "\(error)"])
            return
        }
        let latest = Dictionary(flows.map { ($0.id, $0.latestVersion) }, uniquingKeysWith: max)
        let ended: [Watch] = state.withLock { registry in
            registry.settled = registry.settled.filter { latest[$0.key] == $0.value }
            let ended = registry.watched.filter { latest[$0.key] != $0.value.version }
            for id in ended.keys { registry.watched[id] = nil }
            return Array(ended.values)
        }
        for watch in ended {
            watch.task.cancel()
            logger.info(
                "stopped watching the flow's trigger", metadata: Self.metadata(watch.flow, version: watch.version))
        }
        for flow in flows where !Task.isCancelled {
            let known = state.withLock { registry in
                registry.watched[flow.id]?.version == flow.latestVersion
                    || registry.settled[flow.id] == flow.latestVersion
            }
            if !known { await start(flow) }
        }
    }

    /// Every enabled flow, a page at a time.
    private func enabledFlows() async throws(StoreError) -> [StoredFlow] {
        var flows: [StoredFlow] = []
        var after: StoreID?
        while true {
            let page = try await store.enabledFlows(after: after, limit: Self.pageSize)
            flows += page
            guard page.count >= Self.pageSize, let last = page.last else { return flows }
            after = last.id
        }
    }

    /// Builds the source of the flow's latest version and starts watching it, or settles the version when it
    /// needs no source or cannot have one.
    private func start(_ flow: StoredFlow) async {
        let metadata = Self.metadata(flow, version: flow.latestVersion)
        let hosted: HostedTrigger?
        do {
            hosted = try await factory.source(
                of: flow, version: flow.latestVersion, tenant: store.tenant(flow.tenantID))
        } catch let error as TriggerSetupError {
            logger.error("the flow's trigger cannot be watched: \(error.message)", metadata: metadata)
            state.withLock { $0.settled[flow.id] = flow.latestVersion }
            return
        } catch {
            guard !Task.isCancelled else { return }
            logger.warning("the flow's trigger could not be read; trying again later: \(error)", metadata: metadata)
            return
        }
        guard let hosted else {
            state.withLock { $0.settled[flow.id] = flow.latestVersion }
            return
        }
        let started = state.withLock { registry in
            guard !registry.stopped, registry.watched[flow.id] == nil else { return false }
            registry.watched[flow.id] = Watch(
                flow: flow, version: hosted.version, task: Task { [self] in await watch(hosted) })
            return true
        }
        if started {
            var logged = metadata
            logged["trigger"] = "\(hosted.kind)"
            logger.info("watching the flow's trigger", metadata: logged)
        }
    }

    /// Runs a source until its task is cancelled, starting it again (after a pause growing up to
    /// ``longestRestartDelay``) when it fails.
    private func watch(_ hosted: HostedTrigger) async {
        let metadata = Self.metadata(hosted.flow, version: hosted.version).merging(["trigger": "\(hosted.kind)"]) {
            $1
        }
        let logger = logger
        let intake = intake
        let tenant = store.tenant(hosted.flow.tenantID)
        let deliver: @Sendable (TriggerDelivery) async -> DeliveryOutcome = { delivery in
            // Backpressure: with the queue full, the source keeps the message and offers it again later (a
            // schedule's tick, a poll's record, a file), as webhooks are answered 503.
            guard intake.accepting else {
                logger.warning("the run queue is full; the trigger will offer this again", metadata: metadata)
                return .refused
            }
            do throws(StoreError) {
                let accepted = try await intake.submit(
                    delivery, flow: hosted.flow, version: hosted.version, trigger: hosted.kind, tenant: tenant)
                var logged = metadata
                logged["run"] = "\(accepted.run.id)"
                logger.debug(
                    accepted.created ? "a trigger delivery created a run" : "a trigger delivery matched an earlier run",
                    metadata: logged)
                return .accepted
            } catch {
                logger.warning("a trigger delivery was refused: \(error)", metadata: metadata)
                return .refused
            }
        }
        let report: @Sendable (TriggerNotice) -> Void = { notice in
            let message = Logger.Message(stringLiteral: hosted.mask(notice.message))
            switch notice.level {
            case .info: logger.info(message, metadata: metadata)
            case .warning: logger.warning(message, metadata: metadata)
            case .error: logger.error(message, metadata: metadata)
            }
        }
        var delay: Duration = .seconds(1)
        while !Task.isCancelled {
            do {
                try await hosted.source.run(deliver: deliver, report: report)
                if !Task.isCancelled { logger.info("the flow's trigger has nothing more to watch", metadata: metadata) }
                return
            } catch {
                if Task.isCancelled || error is CancellationError { return }
                logger.error(
                    "the flow's trigger stopped: \(hosted.mask("\(error)")); starting it again in \(delay)",
                    metadata: metadata)
            }
            do {
                try await clock.sleep(for: delay)
            } catch {
                return
            }
            delay = min(delay * 2, Self.longestRestartDelay)
        }
    }

    /// Stops every task and waits for them to end.
    private func stop() async {
        let tasks = state.withLock { registry in
            registry.stopped = true
            defer { registry.watched = [:] }
            return registry.watched.values.map(\.task)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// What every line about a flow carries: its organization, name, id and version (never its contents).
    private static func metadata(_ flow: StoredFlow, version: Int) -> Logger.Metadata {
        [
            "tenant": "\(flow.tenantID)", "flow": "\(flow.name)", "flow_id": "\(flow.id)", "version": "\(version)",
        ]
    }
}
