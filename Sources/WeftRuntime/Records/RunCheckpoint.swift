import WeftJSON

/// Where a run stands after its last completed top-level step: enough to resume it there.
public struct RunCheckpoint: Sendable, Equatable {
    /// The ids of the top-level steps completed, in order.
    public var completedSteps: [String]
    /// The message after the last completed step.
    public var message: JSON
    /// `$steps`: outputs by step id so far.
    public var outputs: JSONObject
    /// The records of every step run so far (nested ones included), in order.
    public var steps: [StepRecord]

    /// Creates a checkpoint.
    public init(completedSteps: [String], message: JSON, outputs: JSONObject, steps: [StepRecord]) {
        self.completedSteps = completedSteps
        self.message = message
        self.outputs = outputs
        self.steps = steps
    }

    /// As JSON, for storing: `{ completed_steps, message, outputs, steps }`; ``init(json:)`` reads it back.
    public var json: JSON {
        [
            "completed_steps": .array(completedSteps.map(JSON.string)), "message": message,
            "outputs": .object(outputs), "steps": .array(steps.map(\.json)),
        ]
    }

    /// Reads what ``json`` writes; `nil` when it is not a checkpoint.
    public init?(json: JSON) {
        guard let ids = json["completed_steps"]?.arrayValue, let message = json["message"],
            let outputs = json["outputs"]?.objectValue, let items = json["steps"]?.arrayValue
        else { return nil }
        var completedSteps: [String] = []
        for id in ids {
            guard let text = id.stringValue else { return nil }
            completedSteps.append(text)
        }
        var steps: [StepRecord] = []
        for item in items {
            guard let record = StepRecord(json: item) else { return nil }
            steps.append(record)
        }
        self.init(completedSteps: completedSteps, message: message, outputs: outputs, steps: steps)
    }
}
