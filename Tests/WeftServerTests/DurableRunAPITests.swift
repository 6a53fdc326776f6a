import Crypto
import Foundation
import Hummingbird
import Synchronization
import Testing
import WeftJSON
import WeftServer
import WeftTestSupport

/// Runs through the durable queue over the API: webhook addresses, signatures that fail closed, de-duplication,
/// synchronous answers, backpressure, idempotency keys, cancel, dead letters and their replay, metrics.
@Suite("Durable runs API")
struct DurableRunAPITests {
    /// An app whose connection only holds a webhook secret.
    static let hooksApp = """
        weft: 1
        app: hooks
        name: Hooks
        version: 1.0.0
        connection: { fields: { secret: { type: string, secret: true } } }
        base_url: https://hooks.example.com
        actions:
          ping: { path: /ping }

        """

    static func webhookFlow(sink: String, extra: String = "", onError: String = "fail") -> JSON {
        [
            "source": .string(
                """
                weft: 1
                flow: orders
                trigger:
                  webhook:
                    delivery_id: headers."x-delivery"
                \(extra)
                steps:
                  - id: shape
                    map: '{ "id": order.id }'
                  - id: send
                    http: { method: POST, url: "\(sink)/orders", body: '$' }
                    on_error: \(onError)
                  - id: done
                    map: '{ "sent": $steps.shape.id }'

                """)
        ]
    }

    /// Polls the run until it is over (the worker runs beside the test client).
    static func finished(
        _ client: PlatformTestServer.Client, org: String, run: String, token: String
    ) async throws -> JSON? {
        for _ in 0..<200 {
            let answer = try await client.call(.get, "/v1/orgs/\(org)/runs/\(run)", token: token)
            if let state = answer.body?["run"]?["state"]?.stringValue, !["queued", "running"].contains(state) {
                return answer.body
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    @Test("a webhook address runs the flow once per delivery id, sends the step's idempotency key, and rotates")
    func webhookRunsOnce() async throws {
        let sink = try await TestHTTPServer.start { _ in .json(#"{"ok":true}"#) }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(sink.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let flow = Self.webhookFlow(sink: sink.baseURL)
            #expect(
                try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: flow).status == .created)
            let address = try await client.call(.get, "/v1/orgs/\(org)/flows/orders/webhook", token: ada.token)
            let url = try #require(address.body?["url"]?.stringValue)
            let again = try await client.call(.get, "/v1/orgs/\(org)/flows/orders/webhook", token: ada.token)
            #expect(again.body?["url"]?.stringValue == url, "the address is stable")
            let path = String(url[url.range(of: "/hooks/")!.lowerBound...])

            let first = try await client.deliver(path, body: #"{"order":{"id":7}}"#, headers: [("X-Delivery", "d-1")])
            #expect(first.status == .accepted)
            let runID = try #require(first.body?["run_id"]?.stringValue)
            let repeated = try await client.deliver(
                path, body: #"{"order":{"id":7}}"#, headers: [("X-Delivery", "d-1")])
            #expect(repeated.status == .ok && repeated.body?["duplicate"] == true)
            #expect(repeated.body?["run_id"]?.stringValue == runID)

            let run = try #require(try await Self.finished(client, org: org, run: runID, token: ada.token))
            #expect(run["run"]?["state"] == "succeeded" && run["run"]?["trigger"] == "webhook")
            #expect(run["record"]?["output"] == ["sent": 7])
            #expect(sink.requests.count == 1)
            #expect(sink.requests.first?.header("Idempotency-Key") == "\(runID):send")
            let runs = try await client.call(.get, "/v1/orgs/\(org)/runs?flow=orders", token: ada.token)
            #expect(runs.body?["runs"]?.arrayValue?.count == 1, "one run for two deliveries of d-1")

            #expect(try await client.deliver("/hooks/wh_unknown-token-0000000000", body: "{}").status == .notFound)
            let rotated = try await client.call(.post, "/v1/orgs/\(org)/flows/orders/webhook/rotate", token: ada.token)
            #expect(rotated.body?["url"]?.stringValue != url)
            #expect(try await client.deliver(path, body: "{}", headers: [("X-Delivery", "d-2")]).status == .notFound)
        }
        await sink.stop()
    }

    @Test(
        "a signed webhook is accepted with the right signature, refused tampered, and refused when its secret is missing"
    )
    func signaturesFailClosed() async throws {
        let sink = try await TestHTTPServer.start { _ in .json(#"{"ok":true}"#) }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(sink.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let app = try await client.call(
                .post, "/v1/orgs/\(org)/apps", token: ada.token, json: ["source": .string(Self.hooksApp)])
            #expect(app.status == .created, "\(String(describing: app.body))")
            let flow = Self.webhookFlow(
                sink: sink.baseURL, extra: "    verify: { scheme: github, secret: github.secret }")
            let created = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: flow)
            #expect(created.status == .created, "\(String(describing: created.body))")
            let url = try #require(
                try await client.call(.get, "/v1/orgs/\(org)/flows/orders/webhook", token: ada.token).body?["url"]?
                    .stringValue)
            let path = String(url[url.range(of: "/hooks/")!.lowerBound...])
            let body = #"{"order":{"id":1}}"#
            func signature(_ secret: String, _ body: String) -> String {
                let mac = HMAC<SHA256>.authenticationCode(
                    for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
                return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
            }
            // No connection holds the secret yet: nothing gets through, however it is signed.
            let unconfigured = try await client.deliver(
                path, body: body, headers: [("X-Hub-Signature-256", signature("s3cret", body)), ("X-Delivery", "a")])
            #expect(unconfigured.status == .unauthorized && unconfigured.body?["error"]?["code"] == "secret_missing")

            let connection = try await client.call(
                .post, "/v1/orgs/\(org)/connections", token: ada.token,
                json: ["name": "github", "app": "hooks", "values": ["secret": "s3cret"]])
            #expect(connection.status == .created, "\(String(describing: connection.body))")
            let good = try await client.deliver(
                path, body: body, headers: [("X-Hub-Signature-256", signature("s3cret", body)), ("X-Delivery", "b")])
            #expect(good.status == .accepted, "\(String(describing: good.body))")
            let tampered = try await client.deliver(
                path, body: #"{"order":{"id":2}}"#,
                headers: [("X-Hub-Signature-256", signature("s3cret", body)), ("X-Delivery", "c")])
            #expect(tampered.status == .unauthorized && tampered.body?["error"]?["code"] == "signature_invalid")
            let unsigned = try await client.deliver(path, body: body, headers: [("X-Delivery", "d")])
            #expect(unsigned.status == .unauthorized)
            let runs = try await client.call(.get, "/v1/orgs/\(org)/runs", token: ada.token)
            #expect(runs.body?["runs"]?.arrayValue?.count == 1, "only the verified delivery made a run")
        }
        await sink.stop()
    }

    @Test("a sync webhook answers the flow's output; a full queue answers 503 with Retry-After")
    func syncAndBackpressure() async throws {
        let sink = try await TestHTTPServer.start { _ in .json(#"{"ok":true}"#) }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(sink.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let flow = Self.webhookFlow(sink: sink.baseURL, extra: "    response: sync")
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: flow)
            let url = try #require(
                try await client.call(.get, "/v1/orgs/\(org)/flows/orders/webhook", token: ada.token).body?["url"]?
                    .stringValue)
            let answer = try await client.deliver(
                String(url[url.range(of: "/hooks/")!.lowerBound...]), body: #"{"order":{"id":3}}"#,
                headers: [("X-Delivery", "s-1")])
            #expect(answer.status == .ok && answer.body == ["sent": 3], "\(String(describing: answer.body))")
        }

        var full = RunExecution.Settings()
        full.maximumQueued = 0
        let refusing = try await PlatformTestServer(runSettings: full)
        try await refusing.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/flows", token: ada.token, json: Self.webhookFlow(sink: "http://127.0.0.1:9"))
            let url = try #require(
                try await client.call(.get, "/v1/orgs/\(org)/flows/orders/webhook", token: ada.token).body?["url"]?
                    .stringValue)
            let answer = try await client.deliver(String(url[url.range(of: "/hooks/")!.lowerBound...]), body: "{}")
            #expect(answer.status == .serviceUnavailable && answer.body?["error"]?["code"] == "queue_full")
            #expect(answer.headers[.retryAfter] == "1")
            let runs = try await client.call(.get, "/v1/orgs/\(org)/runs", token: ada.token)
            #expect(runs.body?["runs"]?.arrayValue?.isEmpty == true, "nothing accepted that could not be held")
        }
        await sink.stop()
    }

    @Test("the same Idempotency-Key answers the same run; reused for another input it is refused")
    func idempotencyKeys() async throws {
        let server = try await PlatformTestServer()
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let flow: JSON = ["source": "weft: 1\nflow: echo\nsteps:\n  - { id: echo, map: '{ \"n\": n }' }\n"]
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: flow)
            func start(_ key: String, _ n: Int) async throws -> (HTTPResponse.Status, JSON?) {
                let response = try await client.client.execute(
                    uri: "/v1/orgs/\(org)/flows/echo/runs", method: .post,
                    headers: [
                        .contentType: "application/json", .authorization: "Bearer \(ada.token)",
                        .init("Idempotency-Key")!: key,
                    ], body: ByteBuffer(string: #"{"input":{"n":\#(n)}}"#))
                return (response.status, try? JSONParser().parse(Array(response.body.readableBytesView)))
            }
            let (firstStatus, first) = try await start("order-1", 1)
            #expect(firstStatus == .created && first?["record"]?["output"] == ["n": 1])
            let (againStatus, again) = try await start("order-1", 1)
            #expect(againStatus == .ok && again?["run"]?["id"] == first?["run"]?["id"])
            let (otherStatus, other) = try await start("order-1", 2)
            #expect(otherStatus == .unprocessableContent && other?["error"]?["code"] == "idempotency_key_reused")
            let (badStatus, _) = try await start(String(repeating: "k", count: 300), 1)
            #expect(badStatus == .badRequest)
            let runs = try await client.call(.get, "/v1/orgs/\(org)/runs", token: ada.token)
            #expect(runs.body?["runs"]?.arrayValue?.count == 1)
        }
    }

    @Test("a queued run is cancelled; a finished one cannot be")
    func cancel() async throws {
        var noWorker = RunExecution.Settings()
        noWorker.runsWorker = false
        let server = try await PlatformTestServer(runSettings: noWorker)
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let flow: JSON = ["source": "weft: 1\nflow: echo\nsteps:\n  - { id: echo, map: '$' }\n"]
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: flow)
            let queued = try await client.call(
                .post, "/v1/orgs/\(org)/flows/echo/runs", token: ada.token, json: ["input": [:], "wait": false])
            #expect(queued.status == .accepted && queued.body?["run"]?["state"] == "queued")
            let runID = try #require(queued.body?["run"]?["id"]?.stringValue)
            let cancelled = try await client.call(.post, "/v1/orgs/\(org)/runs/\(runID)/cancel", token: ada.token)
            #expect(cancelled.status == .ok && cancelled.body?["run"]?["state"] == "cancelled")
            let again = try await client.call(.post, "/v1/orgs/\(org)/runs/\(runID)/cancel", token: ada.token)
            #expect(again.status == .conflict)
            #expect(
                try await client.call(.post, "/v1/orgs/\(org)/runs/run_nope/cancel", token: ada.token).status
                    == .notFound)
        }
    }

    @Test("a dead letter is listed with why, replayed from the failed step or the start, in bulk, or discarded")
    func deadLetters() async throws {
        let ordersDown = Mutex(true)
        let sink = try await TestHTTPServer.start { request in
            request.path == "/orders" && ordersDown.withLock({ $0 })
                ? .json(#"{"error":"down"}"#, status: 400) : .json(#"{"ok":true}"#)
        }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(sink.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            func source(_ extra: String = "") -> JSON {
                [
                    "source": .string(
                        """
                        weft: 1
                        flow: orders
                        steps:
                          - id: first
                            http: { method: POST, url: "\(sink.baseURL)/first", body: '$' }
                          - id: send
                            http: { method: POST, url: "\(sink.baseURL)/orders", body: '$' }
                            on_error: dead_letter
                        \(extra)
                        """)
                ]
            }
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: source())
            var runs: [String] = []
            for n in 0..<4 {
                let run = try await client.call(
                    .post, "/v1/orgs/\(org)/flows/orders/runs", token: ada.token,
                    json: ["input": ["n": .number(Double(n))]])
                #expect(run.body?["run"]?["state"] == "dead_letter", "\(String(describing: run.body))")
                runs.append(try #require(run.body?["run"]?["id"]?.stringValue))
            }
            let letters = try await client.call(.get, "/v1/orgs/\(org)/dead-letters", token: ada.token)
            let listed = letters.body?["dead_letters"]?.arrayValue ?? []
            #expect(listed.count == 4)
            #expect(
                listed.allSatisfy { $0["failed_step"] == "send" && $0["error"]?.stringValue?.contains("400") == true })

            ordersDown.withLock { $0 = false }
            func keys(_ path: String, _ run: String) -> Int {
                sink.requests.filter {
                    $0.path == path
                        && $0.header("Idempotency-Key") == "\(run):\(path.dropFirst() == "first" ? "first" : "send")"
                }
                .count
            }
            // From the failed step: `first` is not called again.
            let fromStep = try await client.call(
                .post, "/v1/orgs/\(org)/runs/\(runs[0])/replay", token: ada.token, json: [:])
            #expect(fromStep.status == .accepted && fromStep.body?["run"]?["state"] == "queued")
            let replayed = try await Self.finished(client, org: org, run: runs[0], token: ada.token)
            #expect(replayed?["run"]?["state"] == "succeeded")
            #expect(keys("/first", runs[0]) == 1 && keys("/orders", runs[0]) == 2)

            // From the start, with a corrected input: both steps again, with the new message.
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/runs/\(runs[1])/replay", token: ada.token,
                json: ["from": "start", "input": ["n": 99]])
            #expect(
                try await Self.finished(client, org: org, run: runs[1], token: ada.token)?["run"]?["state"]
                    == "succeeded")
            #expect(keys("/first", runs[1]) == 2)
            #expect(sink.requests.last { $0.path == "/first" }?.bodyText == #"{"n":99}"#)

            let discarded = try await client.call(.post, "/v1/orgs/\(org)/runs/\(runs[2])/discard", token: ada.token)
            #expect(discarded.status == .ok && discarded.body?["run"]?["state"] == "cancelled")
            #expect(
                try await client.call(.post, "/v1/orgs/\(org)/runs/\(runs[2])/discard", token: ada.token).status
                    == .conflict)

            // In bulk, every dead letter of the flow, on the latest version.
            _ = try await client.call(
                .put, "/v1/orgs/\(org)/flows/orders", token: ada.token,
                json: source("  - { id: tag, map: '{ \"v\": 2 }' }"))
            let bulk = try await client.call(
                .post, "/v1/orgs/\(org)/dead-letters/replay", token: ada.token,
                json: ["flow": "orders", "version": "latest"])
            #expect(bulk.body?["replayed"] == [.string(runs[3])], "\(String(describing: bulk.body))")
            let latest = try await Self.finished(client, org: org, run: runs[3], token: ada.token)
            #expect(latest?["run"]?["version"] == 2 && latest?["record"]?["output"] == ["v": 2])
            #expect(
                try await client.call(.get, "/v1/orgs/\(org)/dead-letters", token: ada.token).body?["dead_letters"]
                    == [])
            let succeeded = try await client.call(
                .post, "/v1/orgs/\(org)/runs/\(runs[0])/replay", token: ada.token, json: [:])
            #expect(succeeded.status == .conflict, "a succeeded run is not replayed")

            let metrics = try await client.client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: metrics.body)
            #expect(text.contains("weft_runs_total{state=\"dead_letter\"} 4"))
            #expect(text.contains("weft_dead_letters_total 4"))
            #expect(text.contains(#"weft_http_requests_total{method="POST",status="202"}"#), "replays are counted")
            #expect(try await client.client.execute(uri: "/readyz", method: .get).status == .ok)
        }
        await sink.stop()
    }
}
