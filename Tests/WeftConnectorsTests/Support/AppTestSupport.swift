import Foundation
import Synchronization
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

/// A journal that keeps everything it is told, for assertions.
final class RecordingJournal: RunJournal {
    private let logs = Mutex<[LogEntry]>([])
    private let sent = Mutex<[HTTPRequest]>([])

    var entries: [LogEntry] { logs.withLock { $0 } }
    var wouldSend: [HTTPRequest] { sent.withLock { $0 } }

    /// Every message, field value and dry-run request as text, to search for leaked secrets.
    var allText: String {
        let logText = entries.map { entry in
            entry.message + " " + entry.fields.values.map(\.description).joined(separator: " ")
        }
        let requestText = wouldSend.map { request in
            "\(request.method.rawValue) \(request.url) "
                + request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n") + " "
                + String(decoding: request.body ?? [], as: UTF8.self)
        }
        return (logText + requestText).joined(separator: "\n")
    }

    func stepStarted(path: String, kind: String, attempt: Int) {}
    func stepFinished(_ record: StepRecord) {}
    func log(_ entry: LogEntry) { logs.withLock { $0.append(entry) } }
    func wouldSend(stepPath: String, request: HTTPRequest) { sent.withLock { $0.append(request) } }
}

/// A mutable value shared with a server handler.
final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    var value: Value { storage.withLock { $0 } }

    @discardableResult
    func update<Result: Sendable>(_ body: @Sendable (inout Value) -> Result) -> Result {
        storage.withLock { body(&$0) }
    }
}

enum AppTestSupport {
    struct ParseFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// An app manifest read from YAML text, with `BASE` replaced by `base`.
    static func app(_ yaml: String, base: String = "") throws -> AppManifest {
        let text = yaml.replacingOccurrences(of: "BASE", with: base)
        let (document, diagnostics) = WeftDocument.parse(text, file: "test.app.yaml")
        guard case .app(let app)? = document, diagnostics.allSatisfy({ $0.severity != .error }) else {
            throw ParseFailure(description: diagnostics.map { "\($0)" }.joined(separator: "\n"))
        }
        return app
    }

    static func context(
        journal: RecordingJournal = RecordingJournal(), dryRun: Bool = false, timeout: Duration? = .seconds(10),
        stepPath: String = "call"
    ) -> EffectContext {
        EffectContext(
            runId: "run-1", flowId: "flow", stepId: stepPath, stepPath: stepPath, attempt: 1, dryRun: dryRun,
            timeout: timeout, journal: journal)
    }

    /// Starts a server and a transport, runs `body`, and shuts both down.
    static func withServer<Result>(
        transport: AsyncHTTPTransport = AsyncHTTPTransport(),
        _ handler: @escaping TestHTTPServer.Handler,
        run body: (TestHTTPServer, AsyncHTTPTransport) async throws -> Result
    ) async throws -> Result {
        let server = try await TestHTTPServer.start(handler)
        do {
            let result = try await body(server, transport)
            try await transport.shutdown()
            await server.stop()
            return result
        } catch {
            try? await transport.shutdown()
            await server.stop()
            throw error
        }
    }

    /// Runs `body`, expecting it to throw a `StepFailure`, and returns that failure.
    static func failure(_ body: () async throws(StepFailure) -> JSON) async -> StepFailure? {
        do throws(StepFailure) {
            let output = try await body()
            Issue.record("expected a failure, got \(output)")
            return nil
        } catch {
            return error
        }
    }
}
