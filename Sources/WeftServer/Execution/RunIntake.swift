import Foundation
import Synchronization
import WeftJSON
import WeftRuntime
import WeftStore

/// The one way runs are created on the server: every trigger (webhook, schedule, poll, file, manual and API
/// starts, replays) hands its delivery here. The run is created and enqueued in one group-committed transaction
/// before `submit` returns, so whoever answers the sender (a webhook's 2xx) does so only once the run is durable;
/// then the worker is woken.
public struct RunIntake: Sendable {
    let store: any WeftStore
    let wake: WorkerSignal
    let metrics: Metrics
    /// Runs queued in the store, as last counted plus those enqueued since (the worker recounts regularly).
    let depth: QueueDepth
    /// Above this many queued runs, webhooks are refused with 503 and `Retry-After` instead of accepted.
    let maximumQueued: Int

    /// Creates and enqueues the run of `delivery` on `flow` at `version`; its key, if any, is the run's
    /// idempotency key (prefixed with the trigger kind so kinds never collide). `created` is false when the key
    /// matched an earlier run (a repeated webhook, a retried API call).
    func submit(
        _ delivery: TriggerDelivery, flow: StoredFlow, version: Int, trigger: String, tenant: any TenantStore,
        dryRun: Bool = false, startedBy: StoreID? = nil
    ) async throws(StoreError) -> Enqueued {
        var input: JSONObject = ["message": delivery.message, "event": delivery.event]
        if dryRun { input["dry_run"] = true }
        if let startedBy { input["started_by"] = .string(startedBy.rawValue) }
        let enqueued = try await tenant.enqueueRun(
            RunSubmission(
                flowID: flow.id, flowVersion: version, trigger: trigger, input: .object(input),
                idempotencyKey: delivery.key.map { "\(trigger):\($0)" }))
        if enqueued.created {
            depth.add(1)
            metrics.increment(Metrics.Weft.runsEnqueuedTotal, ["trigger": trigger])
            wake.signal()
        }
        return enqueued
    }

    /// Counts and announces a run put back in the queue (a replay).
    func requeued() {
        depth.add(1)
        wake.signal()
    }

    /// Whether the queue can take more work now (webhooks answer 503 with `Retry-After` when it cannot).
    var accepting: Bool { depth.value < maximumQueued }
}

/// The count of queued runs this process believes in: raised on enqueue, lowered on claim, reset from the
/// store by the worker every second (other processes enqueue and claim too).
final class QueueDepth: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .relaxed) }

    func add(_ delta: Int) { count.add(delta, ordering: .relaxed) }

    func reset(to value: Int) { count.store(value, ordering: .relaxed) }
}

/// Wakes the worker: a new run was enqueued, or a running one finished and freed a slot. Signals coalesce: a
/// worker that wakes once sees all the work signalled before.
final class WorkerSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    func signal() { continuation.yield() }

    /// The signals, for the worker's loop (one consumer).
    var signals: AsyncStream<Void> { stream }

    /// Ends the signals (the worker is stopping).
    func finish() { continuation.finish() }
}
