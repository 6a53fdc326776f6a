import Foundation
import Hummingbird
import JSONata
import Synchronization
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

/// Receives a webhook flow's requests: checks the signature, reads the body, drops repeated deliveries and
/// queues the run, answering `202 Accepted` with the run's id (or, in `sync` mode, the run's output once it
/// finishes). Every refusal is a JSON error `{ "error": { "code", "message" } }` that names what is wrong.
public struct WebhookIngress: Sendable {
    public let trigger: WebhookTrigger
    /// The path the flow answers on.
    public let path: String
    public let verifier: WebhookVerifier?
    public let queue: LocalRunQueue
    public let clock: any WeftClock
    /// The largest body accepted.
    public var maximumBodySize = 10 * 1024 * 1024
    private let deliveries = DeliveryLog(capacity: 10_000)

    /// Creates the ingress of a flow's `webhook:` trigger; the path defaults to `/hooks/<flow id>`.
    public init(
        flowId: String, trigger: WebhookTrigger, verifier: WebhookVerifier?, queue: LocalRunQueue,
        clock: any WeftClock
    ) {
        self.trigger = trigger
        var path = trigger.path ?? "/hooks/\(flowId)"
        if !path.hasPrefix("/") { path = "/" + path }
        self.path = path
        self.verifier = verifier
        self.queue = queue
        self.clock = clock
    }

    /// Adds the webhook's route and `GET /healthz` to `router`.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in Self.json(.ok, ["status": "ok"]) }
        router.on(RouterPath(path), method: HTTPRequest.Method(trigger.method.rawValue) ?? .post) { request, _ in
            await self.receive(request)
        }
    }

    /// Handles one request.
    func receive(_ request: Request) async -> Response {
        var request = request
        let body: [UInt8]
        do {
            body = Array(try await request.collectBody(upTo: maximumBodySize).readableBytesView)
        } catch {
            return Self.error(
                .contentTooLarge, "body_too_large", "the body is larger than \(maximumBodySize) bytes")
        }
        let headers = request.headers.map { (name: $0.name.canonicalName, value: $0.value) }
        if let verifier {
            do throws(WebhookRejection) {
                try verifier.verify(headers: headers, body: body, now: clock.now())
            } catch {
                return Self.error(.unauthorized, "signature_invalid", "the signature was not verified: \(error)")
            }
        }
        let message: JSON
        do throws(WebhookBodyError) {
            message = try WebhookBody.decode(body, contentType: request.headers[.contentType])
        } catch {
            return Self.error(.badRequest, "invalid_body", error.message)
        }
        let (runMessage, event, deliveryId) = WebhookRoutes.delivery(
            of: trigger, request: request, body: message, headers: headers, path: path)
        let runId = queue.makeRunId()
        if let deliveryId, let earlier = deliveries.claim(deliveryId, runId: runId) {
            return Self.json(.ok, ["run_id": .string(earlier), "duplicate": true])
        }

        let delivery = TriggerDelivery(message: runMessage, event: event, key: deliveryId.map { "webhook:" + $0 })
        switch trigger.response {
        case .accepted:
            guard queue.submit(delivery, runId: runId) != nil else {
                return Self.error(.serviceUnavailable, "shutting_down", "the server is shutting down")
            }
            return Self.json(.accepted, ["run_id": .string(runId)])
        case .sync:
            guard let record = await queue.run(delivery, runId: runId) else {
                return Self.error(.serviceUnavailable, "shutting_down", "the server is shutting down")
            }
            switch record.state {
            case .succeeded:
                return Self.json(.ok, record.output ?? .null)
            case .filtered:
                return Self.json(.ok, ["run_id": .string(record.runId), "state": "filtered"])
            default:
                return Self.json(
                    .internalServerError,
                    [
                        "error": [
                            "code": "run_failed",
                            "message": .string(
                                "the run failed at `\(record.failedStep ?? "?")`: \(record.error?.message ?? "")"),
                        ],
                        "run_id": .string(record.runId),
                    ])
            }
        }
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSON) -> Response { JSONResponse.make(status, value) }

    /// The API's one error shape.
    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        JSONResponse.make(status, APIError(status, code, message).json)
    }
}

/// The delivery ids seen lately and the run each started, oldest forgotten first.
final class DeliveryLog: Sendable {
    private let entries: Mutex<(order: [String], runs: [String: String])>
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        entries = Mutex((order: [], runs: [:]))
    }

    /// Records that `deliveryId` starts run `runId`, unless it was seen before: then returns the earlier run.
    func claim(_ deliveryId: String, runId: String) -> String? {
        entries.withLock { entries in
            if let earlier = entries.runs[deliveryId] { return earlier }
            entries.runs[deliveryId] = runId
            entries.order.append(deliveryId)
            if entries.order.count > capacity {
                let dropped = entries.order.removeFirst()
                entries.runs[dropped] = nil
            }
            return nil
        }
    }
}
