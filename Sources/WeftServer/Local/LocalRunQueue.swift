import ServiceLifecycle
import Synchronization
import WeftRuntime

/// The runs of one flow on this machine, as a service: deliveries from its trigger wait here and run at most
/// `concurrency` at a time. On graceful shutdown the queue takes nothing new and finishes what it holds, so a
/// delivery that was accepted is run.
public final class LocalRunQueue: Service {
    /// Runs one delivery under the given run id.
    public typealias Runner = @Sendable (TriggerDelivery, String) async -> RunRecord

    private struct Job: Sendable {
        var delivery: TriggerDelivery
        var runId: String
        var done: (@Sendable (RunRecord) -> Void)?
    }

    private let runner: Runner
    private let concurrency: Int
    private let jobs: AsyncStream<Job>
    private let intake: AsyncStream<Job>.Continuation
    /// Makes the id of each new run.
    public let makeRunId: @Sendable () -> String

    /// Creates a queue that runs deliveries with `runner`.
    public init(
        concurrency: Int = 8, makeRunId: @escaping @Sendable () -> String = LocalRunQueue.randomRunId,
        runner: @escaping Runner
    ) {
        self.runner = runner
        self.concurrency = max(1, concurrency)
        self.makeRunId = makeRunId
        (jobs, intake) = AsyncStream.makeStream(of: Job.self)
    }

    /// A new random run id, `run_` and 16 hex digits.
    @Sendable public static func randomRunId() -> String {
        let digits = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return "run_" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Queues a delivery without waiting for its run; returns the run's id, or `nil` once the queue is closed.
    public func submit(_ delivery: TriggerDelivery, runId: String? = nil) -> String? {
        let runId = runId ?? makeRunId()
        guard case .enqueued = intake.yield(Job(delivery: delivery, runId: runId, done: nil)) else { return nil }
        return runId
    }

    /// Queues a delivery and waits for its run to finish; `nil` once the queue is closed.
    public func run(_ delivery: TriggerDelivery, runId: String? = nil) async -> RunRecord? {
        let runId = runId ?? makeRunId()
        return await withCheckedContinuation { (continuation: CheckedContinuation<RunRecord?, Never>) in
            let job = Job(delivery: delivery, runId: runId) { continuation.resume(returning: $0) }
            if case .enqueued = intake.yield(job) { return }
            continuation.resume(returning: nil)
        }
    }

    /// Runs queued deliveries until graceful shutdown, then finishes the ones already queued.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await job in jobs {
                    if running >= concurrency {
                        await group.next()
                        running -= 1
                    }
                    running += 1
                    group.addTask { [runner] in
                        let record = await runner(job.delivery, job.runId)
                        job.done?(record)
                    }
                }
            }
        } onGracefulShutdown: { [intake] in
            intake.finish()
        }
    }
}
