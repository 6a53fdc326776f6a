import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftServer

/// `weft run --serve` for a webhook flow, through Hummingbird's test client against the real application.
@Suite("Local webhook serving")
struct LocalWebhookTests {
    /// A host for a webhook flow whose trigger is `trigger` (YAML), recording the runs it finishes.
    static func host(trigger: String, secrets: [String: SecretString] = [:]) throws -> (LocalFlowHost, RunLog) {
        let text = """
            weft: 1
            flow: orders
            trigger:
              webhook:
            \(trigger.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            steps:
              - id: shape
                map: '{ "order": id, "total": $sum(items.price), "source": $trigger.headers.`x-source` }'
              - id: big
                filter: total > 10
            """
        let (document, diagnostics) = WeftDocument.parse(text, file: "orders.flow.yaml")
        guard case .flow(let flow)? = document else {
            throw TestFailure("the test flow does not load: \(diagnostics)")
        }
        let log = RunLog()
        let engine = FlowEngine(
            flow: flow, effects: MockEffects(mocks: [:], failures: [:]), converter: StandardConverter(),
            clock: SystemWallClock(), journal: SilentJournal())
        let events = LocalFlowHost.Events(
            ready: { _ in }, finished: { record, _ in log.append(record) }, notice: { _ in })
        return (LocalFlowHost(engine: engine, options: .init(), secrets: secrets, events: events), log)
    }

    static let order = #"{ "id": 7, "items": [{ "price": 8 }, { "price": 9 }] }"#

    static func body(_ response: TestResponse) throws -> JSON {
        try JSONParser().parse(Array(response.body.readableBytesView))
    }

    @Test("a sync webhook answers with the run's output")
    func syncAnswersWithOutput() async throws {
        let (host, log) = try Self.host(trigger: "path: /hooks/orders\nresponse: sync")
        let app = try host.makeApplication(queue: host.makeQueue())
        try await app.test(.router) { client in
            try await client.execute(
                uri: "/hooks/orders", method: .post,
                headers: [.contentType: "application/json", .init("X-Source")!: "shop"],
                body: ByteBuffer(string: Self.order)
            ) { response in
                let body = try Self.body(response)
                #expect(response.status == .ok)
                #expect(body == ["order": 7, "total": 17, "source": "shop"])
            }
        }
        #expect(log.records.map(\.state) == [.succeeded])
    }

    @Test("an accepted webhook answers 202 with the run id, and the run happens")
    func acceptedAnswersWithRunId() async throws {
        let (host, log) = try Self.host(trigger: "path: /in")
        let app = try host.makeApplication(queue: host.makeQueue())
        let runId = try await app.test(.router) { client in
            try await client.execute(uri: "/in", method: .post, body: ByteBuffer(string: Self.order)) { response in
                #expect(response.status == .accepted)
                return try Self.body(response)["run_id"]?.stringValue
            }
        }
        // Graceful shutdown finishes the queued run before the test client returns.
        #expect(runId != nil)
        #expect(log.records.map(\.runId) == [runId])
    }

    @Test("a filtered run is reported as filtered")
    func filteredRun() async throws {
        let (host, _) = try Self.host(trigger: "path: /in\nresponse: sync")
        let app = try host.makeApplication(queue: host.makeQueue())
        try await app.test(.router) { client in
            try await client.execute(uri: "/in", method: .post, body: ByteBuffer(string: #"{"id": 1, "items": []}"#)) {
                response in
                let body = try Self.body(response)
                #expect(response.status == .ok)
                #expect(body["state"] == "filtered")
            }
        }
    }

    @Test("a repeated delivery id starts no second run")
    func duplicateDeliveries() async throws {
        let (host, log) = try Self.host(trigger: "path: /in\nresponse: sync\ndelivery_id: headers.`x-delivery`")
        let app = try host.makeApplication(queue: host.makeQueue())
        try await app.test(.router) { client in
            let headers: HTTPFields = [.init("X-Delivery")!: "d-1"]
            let first = try await client.execute(
                uri: "/in", method: .post, headers: headers, body: ByteBuffer(string: Self.order))
            #expect(first.status == .ok)
            let second = try await client.execute(
                uri: "/in", method: .post, headers: headers, body: ByteBuffer(string: Self.order))
            #expect(second.status == .ok)
            #expect(try Self.body(second)["duplicate"] == true)
            #expect(try Self.body(second)["run_id"]?.stringValue == log.records.first?.runId)
        }
        #expect(log.records.count == 1)
    }

    @Test("a GitHub signature is checked; a wrong or missing one is refused with 401")
    func githubSignature() async throws {
        let secret = "It's a Secret to Everybody"
        let (host, log) = try Self.host(
            trigger: "path: /in\nresponse: sync\nverify: { scheme: github, secret: gh }",
            secrets: ["gh": SecretString(secret)])
        let app = try host.makeApplication(queue: host.makeQueue())
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array(Self.order.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        try await app.test(.router) { client in
            let good = try await client.execute(
                uri: "/in", method: .post, headers: [.init("X-Hub-Signature-256")!: signature],
                body: ByteBuffer(string: Self.order))
            #expect(good.status == .ok)
            let tampered = try await client.execute(
                uri: "/in", method: .post, headers: [.init("X-Hub-Signature-256")!: signature],
                body: ByteBuffer(string: Self.order.replacingOccurrences(of: "8", with: "80")))
            #expect(tampered.status == .unauthorized)
            #expect(try Self.body(tampered)["error"]?["code"] == "signature_invalid")
            let unsigned = try await client.execute(uri: "/in", method: .post, body: ByteBuffer(string: Self.order))
            #expect(unsigned.status == .unauthorized)
            #expect(try Self.body(unsigned)["error"]?["message"]?.stringValue?.contains("X-Hub-Signature-256") == true)
        }
        #expect(log.records.count == 1)
    }

    @Test("a verified webhook without its secret does not start")
    func missingSecretFailsClosed() throws {
        let (host, _) = try Self.host(trigger: "verify: { scheme: shopify, secret: shop }")
        #expect(throws: LocalFlowHostError.self) { _ = try host.makeApplication(queue: host.makeQueue()) }
    }

    @Test("a body that is not the JSON it claims is a 400 naming the problem, and the server keeps serving")
    func invalidJSON() async throws {
        let (host, log) = try Self.host(trigger: "path: /in\nresponse: sync")
        let app = try host.makeApplication(queue: host.makeQueue())
        try await app.test(.router) { client in
            let bad = try await client.execute(
                uri: "/in", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: "{\"id\": "))
            #expect(bad.status == .badRequest)
            #expect(try Self.body(bad)["error"]?["code"] == "invalid_body")
            let good = try await client.execute(uri: "/in", method: .post, body: ByteBuffer(string: Self.order))
            #expect(good.status == .ok)
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
        #expect(log.records.count == 1)
    }

    @Test("form-encoded bodies become objects")
    func formBody() async throws {
        let (host, _) = try Self.host(trigger: "path: /in\nresponse: sync")
        let app = try host.makeApplication(queue: host.makeQueue())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "id=a%20b&items=1"))
            // `total` is 0 (no prices), so the run is filtered; the form field reached the map as a string.
            #expect(response.status == .ok)
            #expect(try Self.body(response)["state"] == "filtered")
        }
    }
}

/// The records of finished runs, in order.
final class RunLog: Sendable {
    private let storage = Mutex<[RunRecord]>([])

    func append(_ record: RunRecord) { storage.withLock { $0.append(record) } }

    var records: [RunRecord] { storage.withLock { $0 } }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
