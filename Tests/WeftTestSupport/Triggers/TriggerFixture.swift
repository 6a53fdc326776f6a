import Testing
import WeftModel

/// Triggers read from YAML the way a flow file declares them.
public enum TriggerFixture {
    /// The trigger of a one-step flow whose `trigger:` value is `body` (YAML, unindented).
    public static func trigger(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Trigger? {
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        let yaml = (["weft: 1", "flow: triggered", "trigger:"] + indented + ["steps:", "  - id: pass", "    map: $"])
            .joined(separator: "\n")
        let (document, diagnostics) = WeftDocument.parse(yaml, file: "flow.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
        guard case .flow(let flow)? = document else { return nil }
        return flow.trigger
    }

    /// The `poll:` trigger written as `body`.
    public static func poll(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> PollTrigger
    {
        guard case .poll(let poll)? = trigger(body, sourceLocation: sourceLocation) else {
            throw FixtureError(message: "not a poll trigger: \(body)")
        }
        return poll
    }

    /// The `schedule:` trigger written as `body`.
    public static func schedule(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> ScheduleTrigger
    {
        guard case .schedule(let schedule)? = trigger(body, sourceLocation: sourceLocation) else {
            throw FixtureError(message: "not a schedule trigger: \(body)")
        }
        return schedule
    }

    /// The `file:` trigger written as `body`.
    public static func file(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> FileTrigger
    {
        guard case .file(let file)? = trigger(body, sourceLocation: sourceLocation) else {
            throw FixtureError(message: "not a file trigger: \(body)")
        }
        return file
    }
}
