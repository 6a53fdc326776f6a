import WeftJSON
import WeftModel

/// Effects for `weft test`: steps that call out get their mocked output or declared failure instead, and a step
/// with neither is an error, so tests never touch the network or the disk.
public struct MockEffects: RunEffects {
    public var mocks: [String: JSON]
    public var failures: [String: String]

    /// Creates mocks from a test's `mocks` and `failures`.
    public init(mocks: [String: JSON], failures: [String: String]) {
        self.mocks = mocks
        self.failures = failures
    }

    private func mocked(_ context: EffectContext) throws(StepFailure) -> JSON {
        if let message = failures[context.stepId] { throw StepFailure(.mock, message, retryable: true) }
        guard let output = mocks[context.stepId] else {
            throw StepFailure(
                .mock,
                "the step `\(context.stepId)` calls out, and the test gives no mock for it (add it under `mocks:`)")
        }
        return output
    }

    public func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        try mocked(context)
    }

    public func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse
    {
        let output = try mocked(context)
        return HTTPResponse(
            status: 200, headers: [("Content-Type", "application/json")], body: output.serializedBytes())
    }

    public func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
        async throws(StepFailure)
    {
        if let message = failures[context.stepId] { throw StepFailure(.mock, message) }
    }
}
