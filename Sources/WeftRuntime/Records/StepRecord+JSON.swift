import Foundation
import WeftJSON

extension StepRecord {
    /// Reads what ``json`` writes; `nil` when it is not a step record. Times come back at the millisecond (the
    /// start) and microsecond (the duration) precision the JSON keeps, so a record read back once survives every
    /// further round trip unchanged.
    public init?(json: JSON) {
        guard let path = json["path"]?.stringValue, let stepId = json["step"]?.stringValue,
            let kind = json["kind"]?.stringValue,
            let state = json["state"]?.stringValue.flatMap(StepState.init(rawValue:)),
            let attemptCount = json["attempts"]?.numberValue, let attempts = Int(exactly: attemptCount),
            let startedAt = json["started_at"]?.stringValue.flatMap(ISO8601.date),
            let milliseconds = json["duration_ms"]?.numberValue, milliseconds.isFinite
        else { return nil }
        var error: StepFailure?
        if let failure = json["error"] {
            guard let read = StepFailure(json: failure) else { return nil }
            error = read
        }
        self.init(
            path: path, stepId: stepId, kind: kind, state: state, attempts: attempts, startedAt: startedAt,
            finishedAt: startedAt.addingTimeInterval(milliseconds / 1000), input: json["input"],
            output: json["output"], error: error)
    }
}
