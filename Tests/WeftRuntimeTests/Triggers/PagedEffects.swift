import Synchronization
import WeftJSON
import WeftModel
import WeftRuntime

/// Run effects for a poll: each action call gets the next scripted page (records, or a failure), then empty pages
/// once the script runs out; every call's action, connection and input are recorded. The call numbered
/// `stopAfter` (from 1) cancels the calling task, so the poll loop ends after that round.
final class PagedEffects: RunEffects {
    /// One action call as received.
    struct Call: Sendable {
        var action: ActionReference
        var connection: String?
        var input: JSON
        var runId: String
    }

    private struct Log {
        var pages: [Result<JSON, StepFailure>]
        var calls: [Call] = []
    }

    private let log: Mutex<Log>
    private let stopAfter: Int

    /// Serves `pages` in order and stops the poll at call `stopAfter`.
    init(_ pages: [Result<JSON, StepFailure>], stopAfter: Int) {
        log = Mutex(Log(pages: pages))
        self.stopAfter = stopAfter
    }

    /// The calls so far, in order.
    var calls: [Call] { log.withLock { $0.calls } }
    /// The inputs of the calls so far, in order.
    var inputs: [JSON] { calls.map(\.input) }

    func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        let (page, count) = log.withLock { log in
            log.calls.append(Call(action: action, connection: connection, input: input, runId: context.runId))
            let page: Result<JSON, StepFailure> = log.pages.isEmpty ? .success(.array([])) : log.pages.removeFirst()
            return (page, log.calls.count)
        }
        if count >= stopAfter { withUnsafeCurrentTask { $0?.cancel() } }
        return try page.get()
    }

    func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse
    {
        throw StepFailure(.mock, "a poll sends no raw HTTP requests")
    }

    func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
        async throws(StepFailure)
    {
        throw StepFailure(.mock, "a poll writes no files")
    }
}
