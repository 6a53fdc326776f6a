import Foundation
import Synchronization
import WeftJSON
import WeftModel
import WeftRuntime

/// Parses a flow written in YAML, or throws its diagnostics.
func checkpointTestFlow(_ text: String) throws -> Flow {
    let (document, diagnostics) = WeftDocument.parse(text, file: "test.flow.yaml")
    guard case .flow(let flow)? = document, diagnostics.isEmpty else {
        throw DeterminismTests.FlowError(diagnostics: diagnostics)
    }
    return flow
}

/// Effects that answer every action with what they were called with, count the calls by step path and keep
/// the Idempotency-Key of each. Steps listed in `failing` fail (retryably); a step listed in `cancelling`
/// cancels the task that runs it and then answers normally.
final class CountingEffects: RunEffects, Sendable {
    private struct State {
        var calls: [String: Int] = [:]
        var keys: [(path: String, key: String)] = []
        var failing: Set<String> = []
    }

    private let state: Mutex<State>
    private let cancelling: Set<String>

    init(failing: Set<String> = [], cancelling: Set<String> = []) {
        state = Mutex(State(failing: failing))
        self.cancelling = cancelling
    }

    /// How many times the step at `path` called out.
    func calls(_ path: String) -> Int { state.withLock { $0.calls[path] ?? 0 } }

    /// The Idempotency-Keys the step at `path` was called with, one per call.
    func keys(_ path: String) -> [String] { state.withLock { $0.keys.filter { $0.path == path }.map(\.key) } }

    /// Lets the steps with these ids succeed from now on.
    func heal(_ stepIds: Set<String>) { state.withLock { $0.failing.subtract(stepIds) } }

    func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        let fails = state.withLock { state in
            state.calls[context.stepPath, default: 0] += 1
            state.keys.append((context.stepPath, context.idempotencyKey))
            return state.failing.contains(context.stepId)
        }
        if fails { throw StepFailure(.httpStatus, "\(action) is unavailable", status: 503) }
        if cancelling.contains(context.stepId) { withUnsafeCurrentTask { $0?.cancel() } }
        return ["from": .string(context.stepId), "got": input, "key": .string(context.idempotencyKey)]
    }

    func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse
    {
        throw StepFailure(.configuration, "no HTTP in these tests")
    }

    func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
        async throws(StepFailure)
    {
        throw StepFailure(.configuration, "no files in these tests")
    }
}

/// A journal that keeps the checkpoints it is given.
final class CheckpointJournal: RunJournal, Sendable {
    private let stored = Mutex<[RunCheckpoint]>([])

    /// The checkpoints so far, in order.
    var checkpoints: [RunCheckpoint] { stored.withLock { $0 } }

    func stepStarted(path: String, kind: String, attempt: Int) {}
    func stepFinished(_ record: StepRecord) {}
    func log(_ entry: LogEntry) {}
    func wouldSend(stepPath: String, request: HTTPRequest) {}
    func checkpoint(_ checkpoint: RunCheckpoint) { stored.withLock { $0.append(checkpoint) } }
}

/// Real time whose waits announce themselves, so a test can act while a run waits between attempts.
struct AnnouncingClock: WeftClock {
    let waiting: AsyncStream<Duration>.Continuation

    func now() -> Date { Date() }

    func sleep(for duration: Duration) async throws {
        waiting.yield(duration)
        try await Task.sleep(for: duration)
    }
}
