import WeftJSON

/// One message to run through a flow.
public struct RunRequest: Sendable {
    public var runId: String
    /// The first step's message (for a webhook, the request body).
    public var message: JSON
    /// The trigger event, available as `$trigger` (for a webhook: `{ method, path, headers, query, body }`).
    public var trigger: JSON
    /// Variable overrides on top of the flow's `vars`.
    public var variables: [String: JSON]
    /// Perform reads but no writes.
    public var dryRun: Bool
    /// Which attempt of the whole run this is (replays count up).
    public var attempt: Int
    /// Where an earlier attempt of this run stopped: the run resumes after the checkpoint's completed steps (those
    /// that still begin the flow) with its message and `$steps`, instead of starting over.
    public var checkpoint: RunCheckpoint?

    /// Creates a request.
    public init(
        runId: String, message: JSON, trigger: JSON? = nil, variables: [String: JSON] = [:], dryRun: Bool = false,
        attempt: Int = 1, checkpoint: RunCheckpoint? = nil
    ) {
        self.runId = runId
        self.message = message
        self.trigger = trigger ?? ["type": "manual", "body": message]
        self.variables = variables
        self.dryRun = dryRun
        self.attempt = attempt
        self.checkpoint = checkpoint
    }
}
