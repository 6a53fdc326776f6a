import Foundation
import WeftJSON
import WeftModel

/// What a step call is part of, passed to every effect.
public struct EffectContext: Sendable {
    public var runId: String
    public var flowId: String
    /// The step's id.
    public var stepId: String
    /// Where the step sits, such as `route.cases[0].notify` or `items[3].post`.
    public var stepPath: String
    public var attempt: Int
    /// Sent as the `Idempotency-Key` header by HTTP effects: stable across retries and replays.
    public var idempotencyKey: String { "\(runId):\(stepPath)" }
    /// Perform reads, but no writes: describe them to the journal instead.
    public var dryRun: Bool
    /// How long one attempt may take, when the step sets it.
    public var timeout: Duration?
    /// When the attempt must be over (its start plus `timeout`): every request, page and retry of the attempt
    /// fits before it.
    public var deadline: Date?
    public var journal: any RunJournal

    /// Creates a context.
    public init(
        runId: String, flowId: String, stepId: String, stepPath: String, attempt: Int, dryRun: Bool,
        timeout: Duration?, journal: any RunJournal, deadline: Date? = nil
    ) {
        self.deadline = deadline
        self.runId = runId
        self.flowId = flowId
        self.stepId = stepId
        self.stepPath = stepPath
        self.attempt = attempt
        self.dryRun = dryRun
        self.timeout = timeout
        self.journal = journal
    }
}

extension EffectContext {
    /// How long the next request of the attempt may take at `now`: what is left before the deadline (or the
    /// whole timeout when there is no deadline); `nil` when the step sets no timeout.
    ///
    /// - Throws: a `.timeout` failure when the deadline has passed.
    public func requestTimeout(now: Date) throws(StepFailure) -> Duration? {
        guard let deadline else { return timeout }
        let left = deadline.timeIntervalSince(now)
        guard left > 0 else {
            throw StepFailure(.timeout, "the step's timeout of \(timeout.map(DurationText.format) ?? "?") was reached")
        }
        return DurationText.duration(seconds: left)
    }

    /// Whether waiting `wait` from `now` would leave no time before the deadline.
    public func cannotWait(_ wait: Duration, now: Date) -> Bool {
        guard let deadline else { return false }
        return now.addingTimeInterval(DurationText.seconds(wait)) >= deadline
    }
}

/// Converts values between data formats for `convert` steps and file outputs. Text formats (XML, CSV, text)
/// travel as JSON strings.
public protocol DataConverting: Sendable {
    func convert(_ value: JSON, from: DataFormat, to: DataFormat, options: [String: JSON]) throws(StepFailure) -> JSON
}

/// Everything a run does outside the engine. The engine itself is pure: real I/O, mocks for `weft test` and the
/// dry run are different conformances (or flags honoured by them).
public protocol RunEffects: Sendable {
    /// Calls an app action through a connection; returns the action's output (its records, when paginated).
    func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON

    /// Sends a raw HTTP request, applying the connection's app authentication when one is named.
    func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse

    /// Writes bytes to a file.
    func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
        async throws(StepFailure)
}
