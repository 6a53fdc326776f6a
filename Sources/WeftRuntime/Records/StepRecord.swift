import Foundation
import WeftJSON

/// What happened in one step of a run.
public struct StepRecord: Sendable, Equatable {
    /// Where the step sits: its id, with the enclosing steps for nested ones (`route.cases[0].notify`).
    public var path: String
    public var stepId: String
    public var kind: String
    public var state: StepState
    public var attempts: Int
    public var startedAt: Date
    public var finishedAt: Date
    /// The message (or the action's input) the step received.
    public var input: JSON?
    public var output: JSON?
    public var error: StepFailure?

    /// The step's duration in milliseconds.
    public var milliseconds: Double { finishedAt.timeIntervalSince(startedAt) * 1000 }

    /// The record as JSON (times as ISO 8601 text).
    public var json: JSON {
        var object: JSONObject = [
            "path": .string(path), "step": .string(stepId), "kind": .string(kind), "state": .string(state.rawValue),
            "attempts": .number(Double(attempts)), "started_at": .string(ISO8601.string(startedAt)),
            "duration_ms": .number((milliseconds * 1000).rounded() / 1000),
        ]
        if let input { object["input"] = input }
        if let output { object["output"] = output }
        if let error { object["error"] = error.json }
        return .object(object)
    }
}
