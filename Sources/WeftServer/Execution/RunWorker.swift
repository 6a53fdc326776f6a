import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import WeftStore

/// Claims queued runs and runs them, as a service of `weft serve` (and of `weft worker`): at most `concurrency`
/// at a time and `perTenant` per organization, each under a lease it renews by heartbeat. A run whose lease is
/// lost is abandoned without writing; a run asked to stop is cancelled at its next step. On graceful shutdown it
/// claims nothing more and finishes what it holds.
final class RunWorker: Service {
    /// How the worker paces itself.
    struct Settings: Sendable {
        var concurrency = 64
        var perTenant = 32
        var leaseDuration: TimeInterval = 30
        /// How often the worker looks for work when nobody signals (runs enqueued by other processes, delayed runs).
        var pollInterval: Duration = .milliseconds(250)
        var maximumClaims = 5
    }

    private struct Held: Sendable {
        var claim: RunClaim
        var task: Task<Void, Never>
        /// Done running, its completion being committed: it no longer takes a slot.
        var finishing = false
    }

    let store: any WeftStore
    let executor: RunExecutor
    let signal: WorkerSignal
    let waiters: RunWaiters
    let depth: QueueDepth
    let metrics: Metrics
    let settings: Settings
    let logger: Logger
    /// This process's name in leases: host, process id and a random part.
    let owner: String
    private let held = Mutex<[StoreID: Held]>([:])
    /// Whether the worker is claiming (for `/readyz`).
    let running = Atomic<Bool>(false)

    init(
        store: any WeftStore, executor: RunExecutor, signal: WorkerSignal, waiters: RunWaiters, depth: QueueDepth,
        metrics: Metrics, settings: Settings, logger: Logger
    ) {
        self.store = store
        self.executor = executor
        self.signal = signal
        self.waiters = waiters
        self.depth = depth
        self.metrics = metrics
        self.settings = settings
        self.logger = logger
        owner =
            "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(StoreID.random("w").rawValue.dropFirst(2))"
    }

    func run() async throws {
        running.store(true, ordering: .relaxed)
        defer { running.store(false, ordering: .relaxed) }
        let ticker = Task { [signal, settings] in
            while !Task.isCancelled {
                try? await Task.sleep(for: settings.pollInterval)
                signal.signal()
            }
        }
        let heart = Task { await self.heartbeats() }
        await withGracefulShutdownHandler {
            await self.claimLoop()
        } onGracefulShutdown: { [signal] in
            signal.finish()
        }
        ticker.cancel()
        heart.cancel()
        // Finish what is held: every run accepted before the shutdown ends here or is reclaimed after its lease.
        let tasks = held.withLock { $0.values.map(\.task) }
        for task in tasks { await task.value }
    }

    private func claimLoop() async {
        var lastCount = ContinuousClock.now
        for await _ in signal.signals {
            if ContinuousClock.now - lastCount > .seconds(1) {
                lastCount = ContinuousClock.now
                await recount()
            }
            while true {
                let (free, busyTenants) = held.withLock { held -> (Int, Set<StoreID>) in
                    var perTenant: [StoreID: Int] = [:]
                    var executing = 0
                    for run in held.values where !run.finishing {
                        perTenant[run.claim.tenantID, default: 0] += 1
                        executing += 1
                    }
                    return (
                        settings.concurrency - executing,
                        Set(perTenant.filter { $0.value >= settings.perTenant }.keys)
                    )
                }
                guard free > 0 else { break }
                let claimed: [ClaimedRun]
                do {
                    claimed = try await store.claimRuns(
                        owner: owner, limit: free, leaseDuration: settings.leaseDuration, now: Date(),
                        excludingTenants: busyTenants)
                } catch {
                    logger.error("claiming runs failed", metadata: ["error": "\(error)"])
                    break
                }
                if claimed.isEmpty { break }
                depth.add(-claimed.count)
                for run in claimed { start(run) }
                if claimed.count < free { break }
            }
        }
    }

    private func start(_ claimed: ClaimedRun) {
        held.withLock { held in
            let task = Task {
                let finished = await self.executor.execute(claimed) {
                    self.held.withLock { $0[claimed.run.id]?.finishing = true }
                    self.signal.signal()
                }
                self.held.withLock { _ = $0.removeValue(forKey: claimed.run.id) }
                self.metrics.set(Metrics.Weft.runsRunning, to: Double(self.held.withLock { $0.count }))
                if let finished { self.waiters.finish(finished.id, with: finished) }
                self.signal.signal()
            }
            held[claimed.run.id] = Held(claim: claimed.claim, task: task)
        }
        metrics.set(Metrics.Weft.runsRunning, to: Double(held.withLock { $0.count }))
    }

    /// Renews the leases of the held runs a few times per lease; cancels runs whose lease was lost or whose
    /// cancellation was asked for.
    private func heartbeats() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(settings.leaseDuration / 3))
            let claims = held.withLock { $0.values.map(\.claim) }
            guard !claims.isEmpty else { continue }
            do {
                let answers = try await store.heartbeat(
                    claims, leaseDuration: settings.leaseDuration, now: Date())
                for (runID, answer) in answers where answer != .held {
                    logger.info(
                        answer == .lost ? "lease lost; abandoning the run" : "cancel requested; stopping the run",
                        metadata: ["run": .string(runID.rawValue)])
                    held.withLock { $0[runID]?.task.cancel() }
                }
            } catch {
                logger.error("heartbeat failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Resets the queue depth estimate from the store (other processes enqueue and claim too). The queue gauges
    /// are read from the store when `/metrics` is scraped, not here.
    private func recount() async {
        guard let status = try? await store.queueStatus() else { return }
        depth.reset(to: status.queued)
    }
}
