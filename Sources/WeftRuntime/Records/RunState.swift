/// The states of a run: `queued → running → succeeded | failed | filtered | cancelled | dead_letter`.
public enum RunState: String, Sendable, Codable, CaseIterable {
    case queued, running, succeeded, failed, filtered, cancelled
    /// Failed at a step whose `on_error` is `dead_letter`: kept aside to be inspected and replayed.
    case deadLetter = "dead_letter"

    /// Whether the run is over.
    public var isFinal: Bool {
        switch self {
        case .queued, .running: return false
        default: return true
        }
    }
}

/// The states of one step run.
public enum StepState: String, Sendable, Codable, CaseIterable {
    case running
    case succeeded
    /// Failed, after its retries.
    case failed
    /// Failed, and `on_error: continue` or error steps let the run go on.
    case recovered
    /// A filter that stopped the run.
    case filtered
    /// Not run (a previous step stopped the run, or its branch was not taken).
    case skipped
}
