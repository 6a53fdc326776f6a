import Foundation
import Logging
import Synchronization
import WeftJSON
import WeftRuntime
import WeftStore

/// The journal of a run executed by the worker: keeps the log for the record (as ``RunLog`` does), stores a
/// checkpoint after every top-level step (in order, one write at a time, without holding the run up), and feeds
/// the step metrics.
final class DurableRunJournal: RunJournal {
    let log = RunLog()
    private let metrics: Metrics
    /// The process log, with the run's ids as metadata (steps add theirs).
    private let logger: Logger
    private let checkpoints: AsyncStream<RunCheckpoint>.Continuation
    private let writer: Task<Void, Never>
    /// When the run was created: the first step's start gives the trigger-to-first-step latency.
    private let createdAt: Date
    private let firstStep = Atomic<Bool>(false)

    /// Whether a checkpoint is worth a write: not after pure steps (they are cheaper to run again) nor after the
    /// last one (the completion records it).
    private let worthStoring: @Sendable (RunCheckpoint) -> Bool

    /// - Parameter store: where checkpoints go, each with `claim` (a write under a lost lease is refused, and
    ///   further checkpoints are pointless then).
    init(
        store: any WeftStore, claim: RunClaim, metrics: Metrics, logger: Logger, createdAt: Date,
        worthStoring: @escaping @Sendable (RunCheckpoint) -> Bool
    ) {
        self.metrics = metrics
        self.logger = logger
        self.worthStoring = worthStoring
        self.createdAt = createdAt
        let (stream, continuation) = AsyncStream.makeStream(of: RunCheckpoint.self)
        checkpoints = continuation
        writer = Task {
            for await checkpoint in stream {
                do {
                    try await store.checkpointRun(claim, checkpoint: checkpoint.json, now: Date())
                } catch {
                    return
                }
            }
        }
    }

    /// Waits until every checkpoint sent so far is written (before the run's completion is).
    func flush() async {
        checkpoints.finish()
        await writer.value
    }

    func stepStarted(path: String, kind: String, attempt: Int) {
        if firstStep.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            metrics.observe(Metrics.Weft.triggerToFirstStepSeconds, Date().timeIntervalSince(createdAt))
        }
        log.stepStarted(path: path, kind: kind, attempt: attempt)
    }

    func stepFinished(_ record: StepRecord) {
        metrics.observe(Metrics.Weft.stepDurationSeconds, ["kind": record.kind], record.milliseconds / 1000)
        if record.attempts > 1 { metrics.increment(Metrics.Weft.stepRetriesTotal, by: Double(record.attempts - 1)) }
        logger.debug(
            "step finished",
            metadata: [
                "step": .string(record.path), "state": .string(record.state.rawValue),
                "attempts": "\(record.attempts)", "ms": "\(Int(record.milliseconds.rounded()))",
            ])
        log.stepFinished(record)
    }

    func log(_ entry: LogEntry) { log.log(entry) }

    func wouldSend(stepPath: String, request: HTTPRequest) { log.wouldSend(stepPath: stepPath, request: request) }

    func checkpoint(_ checkpoint: RunCheckpoint) {
        if worthStoring(checkpoint) { checkpoints.yield(checkpoint) }
    }
}
