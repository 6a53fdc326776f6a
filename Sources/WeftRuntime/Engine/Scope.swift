import WeftJSON

/// The data a step sees: the current message and the outputs of the steps run so far.
struct Scope: Sendable {
    var message: JSON
    /// `$steps`: outputs by step id.
    var outputs: JSONObject = [:]
    /// Loop variables inside `foreach` (`$item`, `$index`).
    var loop: [String: JSON] = [:]
}

/// Why a sequence of steps stopped early.
enum Stop: Sendable {
    case filtered(path: String)
    case failed(StepFailure, path: String)
    case dead(StepFailure, path: String)
    /// The run's task was cancelled; `path` is the step that was about to run or running.
    case cancelled(StepFailure, path: String)
}
