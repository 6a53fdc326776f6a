import Testing
import WeftModel

/// Triggers read from YAML the way a flow file declares them.
enum TriggerFixture {
    /// The `file:` trigger of a one-step flow whose `trigger:` value is `body` (YAML, unindented).
    static func file(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> FileTrigger {
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        let yaml = (["weft: 1", "flow: triggered", "trigger:"] + indented + ["steps:", "  - id: pass", "    map: $"])
            .joined(separator: "\n")
        let (document, diagnostics) = WeftDocument.parse(yaml, file: "flow.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
        guard case .flow(let flow)? = document, case .file(let file) = flow.trigger else {
            throw FixtureError(message: "not a file trigger: \(body)")
        }
        return file
    }
}
