import Foundation
import WeftJSON

/// What happened in one run: its state, output and every step.
public struct RunRecord: Sendable {
    public var runId: String
    public var flowId: String
    public var state: RunState
    public var startedAt: Date
    public var finishedAt: Date
    /// The final message.
    public var output: JSON?
    /// Why the run failed or became a dead letter.
    public var error: StepFailure?
    /// The step that failed, for failed and dead runs.
    public var failedStep: String?
    public var steps: [StepRecord]

    /// The run's duration in milliseconds.
    public var milliseconds: Double { finishedAt.timeIntervalSince(startedAt) * 1000 }

    /// The record as JSON.
    public var json: JSON {
        var object: JSONObject = [
            "run": .string(runId), "flow": .string(flowId), "state": .string(state.rawValue),
            "started_at": .string(ISO8601.string(startedAt)),
            "duration_ms": .number((milliseconds * 1000).rounded() / 1000),
            "steps": .array(steps.map(\.json)),
        ]
        if let output { object["output"] = output }
        if let failedStep { object["failed_step"] = .string(failedStep) }
        if let error { object["error"] = .string(error.description) }
        return .object(object)
    }
}
