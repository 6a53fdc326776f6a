/// How a generated flow receives the source's records.
public enum GenerationTrigger: String, Sendable, CaseIterable {
    /// The source action becomes the flow's poll trigger: each new record starts a run.
    case poll
    /// A webhook whose payload has the shape of the source action's output.
    case webhook
    /// A run started by hand: its first step calls the source action with the run's message as input.
    case manual
}
