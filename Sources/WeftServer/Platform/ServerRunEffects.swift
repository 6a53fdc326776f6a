import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

/// What a run may do on the server: call actions and send HTTP requests (behind the egress guard), but not
/// write files on the server's disk — a file output step fails with a clear reason instead.
struct ServerRunEffects: RunEffects {
    let base: LocalEffects

    func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        try await base.callAction(action, connection: connection, input: input, context: context)
    }

    func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse
    {
        try await base.send(request, connection: connection, context: context)
    }

    func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
        async throws(StepFailure)
    {
        throw StepFailure(
            .configuration, "file outputs are not available on the server; send the data with an action or http step",
            retryable: false)
    }
}
