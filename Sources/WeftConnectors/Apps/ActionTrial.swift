import Foundation
import WeftJSON
import WeftModel
import WeftRuntime

/// One action called by hand with an input and a connection, as `weft app test` and the server's "test this
/// action" do: the output (or failure) together with every request and response it took, their timings, and
/// whether the input and output matched their schemas. Everything in it is safe to show: the connection's
/// secrets and rendered credentials are masked.
public struct ActionTrial: Sendable {
    /// One request and its response, masked.
    public struct Exchange: Sendable {
        public var request: HTTPRequest
        public var response: HTTPResponse?
        public var failure: String?
        public var milliseconds: Double
    }

    public var app: String
    public var action: String
    public var exchanges: [Exchange]
    /// The action's output (its records, when paginated).
    public var output: JSON?
    /// Why the call failed.
    public var failure: StepFailure?
    public var milliseconds: Double

    /// Whether the call succeeded.
    public var succeeded: Bool { failure == nil }

    /// Calls `action` of `app` through `connection`, sending with `transport`.
    public static func run(
        app: AppManifest, action: String, connection: ConnectionValues, input: JSON, transport: any HTTPTransport,
        dryRun: Bool = false, journal: any RunJournal = SilentJournal()
    ) async -> ActionTrial {
        let recorder = RecordingTransport(transport)
        let client = AppClient(app: app, connection: connection, transport: recorder)
        let context = EffectContext(
            runId: "trial", flowId: "trial", stepId: action, stepPath: action, attempt: 1, dryRun: dryRun,
            timeout: nil, journal: journal)
        let started = ContinuousClock.now
        var trial = ActionTrial(app: app.id, action: action, exchanges: [], output: nil, failure: nil, milliseconds: 0)
        do throws(StepFailure) {
            trial.output = try await client.call(action: action, input: input, context: context)
        } catch {
            trial.failure = error
        }
        trial.milliseconds = DurationText.seconds(ContinuousClock.now - started) * 1000
        for exchange in recorder.exchanges {
            var response = exchange.response
            if let body = response?.body, let text = String(validating: body, as: UTF8.self) {
                response?.body = Array(await client.masked(text).utf8)
            }
            trial.exchanges.append(
                Exchange(
                    request: await client.masked(exchange.request), response: response,
                    failure: exchange.failure.map { $0.description }, milliseconds: exchange.milliseconds))
        }
        return trial
    }

    /// The trial as JSON: `{ app, action, succeeded, duration_ms, output | error, exchanges: [...] }`, bodies
    /// parsed when they are JSON.
    public var json: JSON {
        var object: JSONObject = [
            "app": .string(app), "action": .string(action), "succeeded": .bool(succeeded),
            "duration_ms": .number((milliseconds * 1000).rounded() / 1000),
        ]
        if let output { object["output"] = output }
        if let failure {
            object["error"] = ["kind": .string(failure.kind.rawValue), "message": .string(failure.message)]
            if failure.kind == .validation { object["schema_valid"] = false }
        } else {
            object["schema_valid"] = true
        }
        object["exchanges"] = .array(
            exchanges.map { exchange in
                var entry: JSONObject = [
                    "request": [
                        "method": .string(exchange.request.method.rawValue), "url": .string(exchange.request.url),
                        "headers": Self.headers(exchange.request.headers),
                        "body": Self.body(exchange.request.body ?? []),
                    ],
                    "duration_ms": .number((exchange.milliseconds * 1000).rounded() / 1000),
                ]
                if let response = exchange.response {
                    entry["response"] = [
                        "status": .number(Double(response.status)), "headers": Self.headers(response.headers),
                        "body": Self.body(response.body),
                    ]
                }
                if let failure = exchange.failure { entry["error"] = .string(failure) }
                return .object(entry)
            })
        return .object(object)
    }

    static func headers(_ headers: [(name: String, value: String)]) -> JSON {
        .array(headers.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    /// A body as JSON when it parses, as text otherwise, `null` when empty.
    static func body(_ bytes: [UInt8]) -> JSON {
        if bytes.isEmpty { return .null }
        if let parsed = try? JSONParser().parse(bytes) { return parsed }
        return .string(String(decoding: bytes, as: UTF8.self))
    }
}
