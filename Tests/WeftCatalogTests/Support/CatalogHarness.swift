import Foundation
import Testing
import WeftCatalog
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

/// Runs built-in apps and example flows against a simulator: starts a ``TestHTTPServer`` answering with the
/// simulator, a real ``AsyncHTTPTransport``, and a ``ManualClock`` so that retry waits are recorded, not slept.
struct CatalogHarness: Sendable {
    let server: TestHTTPServer
    let transport: AsyncHTTPTransport
    let clock: ManualClock
    let journal: RecordingJournal

    /// The simulator's address, `http://127.0.0.1:<port>`.
    var baseURL: String { server.baseURL }

    /// Starts `simulator`, runs `body` and shuts everything down.
    static func with<Result>(
        _ simulator: some VendorSimulator, _ body: (CatalogHarness) async throws -> Result
    ) async throws -> Result {
        let server = try await TestHTTPServer.start { simulator.handle($0) }
        let harness = CatalogHarness(
            server: server, transport: AsyncHTTPTransport(), clock: ManualClock(), journal: RecordingJournal())
        do {
            let result = try await body(harness)
            try await harness.transport.shutdown()
            await server.stop()
            return result
        } catch {
            try? await harness.transport.shutdown()
            await server.stop()
            throw error
        }
    }

    /// The built-in app `id`, failing the test when it does not load.
    static func app(_ id: String) throws -> AppManifest {
        try #require(BuiltInCatalog.entry(id)?.manifest, "the built-in app `\(id)` does not load")
    }

    /// A client of the built-in app `id` through a connection with `fields`.
    func client(_ id: String, _ fields: [String: JSON]) throws -> AppClient {
        let app = try Self.app(id)
        return AppClient(
            app: app, connection: ConnectionValues(name: "\(id)-test", app: id, fields: fields), transport: transport,
            clock: clock)
    }

    /// A step's context, as the engine gives one.
    func context(step: String = "call", runId: String = "run-1") -> EffectContext {
        EffectContext(
            runId: runId, flowId: "catalog", stepId: step, stepPath: step, attempt: 1, dryRun: false,
            timeout: .seconds(30), journal: journal)
    }

    /// Calls `action` of `client`, recording the failure as a test issue.
    func call(_ client: AppClient, _ action: String, _ input: JSON = [:]) async throws -> JSON {
        do throws(StepFailure) {
            return try await client.call(action: action, input: input, context: context(step: action))
        } catch {
            Issue.record("\(client.app.id)/\(action) failed: \(error.message)")
            throw error
        }
    }

    /// Calls `action`, expecting a failure, and returns it.
    func failure(_ client: AppClient, _ action: String, _ input: JSON = [:]) async -> StepFailure? {
        do throws(StepFailure) {
            let output = try await client.call(action: action, input: input, context: context(step: action))
            Issue.record("expected \(action) to fail, got \(output)")
            return nil
        } catch {
            return error
        }
    }
}
