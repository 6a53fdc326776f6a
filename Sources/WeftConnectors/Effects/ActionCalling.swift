import WeftJSON
import WeftModel
import WeftRuntime

/// Calls app actions through connections, and authenticates raw requests with a connection's app.
public protocol ActionCalling: Sendable {
    func call(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    func authorize(_ request: HTTPRequest, connection: String, context: EffectContext) async throws(StepFailure)
        -> HTTPRequest
    /// Secret values that must never be shown (for masking requests described in a dry run).
    func secrets(of connection: String) -> [String]
}
