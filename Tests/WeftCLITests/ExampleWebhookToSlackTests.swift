import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// `examples/webhook-to-slack` run for real by the `weft` executable against a local Slack-style chat API: the
/// sample order posted with the bot token and the message the flow builds (fallback text and Block Kit blocks),
/// routine orders dropped, Slack's refusal and outage, and the webhook served on a port, where a cancellation
/// (told by the `X-Shop-Topic` header) goes to its own channel and a repeated delivery id runs once.
@Suite("example webhook-to-slack, end to end")
struct ExampleWebhookToSlackTests {
    static let flow = "webhook-to-slack/webhook-to-slack.flow.yaml"
    static let token = "xoxb-canary-7Hq2-token"
    static let environment = ["SLACK_BOT_TOKEN": token]
    static let posted = #"{"ok":true,"channel":"C024BE91L","ts":"1767225600.000200"}"#

    /// A workspace whose connections file points the `chat` connection at `server`.
    static func workspace(_ server: TestHTTPServer) throws -> TemporaryWorkspace {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "connections.yaml",
            """
            connections:
              chat:
                app: slack
                values:
                  base_url: \(server.baseURL)/slack
                  bot_token: ${SLACK_BOT_TOKEN}

            """)
        return workspace
    }

    static func run(_ workspace: TemporaryWorkspace, _ extra: String..., input: String? = nil) async throws
        -> CommandResult
    {
        try await ExampleSupport.run(
            flow, connections: workspace.path("connections.yaml"), in: workspace, environment: environment, extra,
            input: input)
    }

    /// The sample order with `changes` applied to its top-level members.
    static func order(_ changes: JSONObject = [:]) throws -> String {
        guard case .object(var order) = try ExampleSupport.json("webhook-to-slack/order-created.json") else {
            throw ExampleSupportError(message: "the sample order is not an object")
        }
        for (key, value) in changes { order[key] = value }
        return JSON.object(order).serialized()
    }

    static func expectNoSecret(_ result: CommandResult, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            !result.standardOutput.contains(token) && !result.standardError.contains(token), "printed the token",
            sourceLocation: sourceLocation)
    }

    @Test("the sample order is posted to #sales-orders with the bot token, its text and its blocks")
    func sampleOrder() async throws {
        let server = try await TestHTTPServer.start { request in
            request.method == "POST" && request.path == "/slack/chat.postMessage"
                ? .json(Self.posted) : .text("no route", status: 404)
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(
            workspace, "--input", ExampleSupport.example("webhook-to-slack/order-created.json"))
        #expect(result.status == 0, "\(result)")
        Self.expectNoSecret(result)
        #expect(runSummary(result)?["state"] == "succeeded")
        #expect(
            runSummary(result)?["output"] == ["order": "#1042", "channel": "C024BE91L", "ts": "1767225600.000200"])

        try #require(server.requests.count == 1, "\(server.requests.map(\.uri))")
        let request = server.requests[0]
        #expect(request.header("Authorization") == "Bearer \(Self.token)")
        #expect(request.header("Content-Type")?.hasPrefix("application/json") == true)
        let body = ExampleSupport.body(request)
        #expect(body["channel"] == "#sales-orders")
        #expect(body["text"] == ":package: New order #1042: EUR 1,249.90 (Ada Lovelace)")
        #expect(body["unfurl_links"] == false && body["unfurl_media"] == false)
        #expect(body["thread_ts"] == nil, "an absent thread_ts is left out, not sent empty")
        let blocks = try #require(body["blocks"]?.arrayValue)
        #expect(blocks.map { $0["type"] } == ["header", "section", "section", "context"])
        #expect(blocks[0]["text"] == ["type": "plain_text", "text": "New order #1042: EUR 1,249.90"])
        #expect(
            blocks[1]["fields"]?.arrayValue?.compactMap { $0["text"]?.stringValue } == [
                "*Customer*\nAda Lovelace (returning)\n<mailto:ada.lovelace@example.com|ada.lovelace@example.com>",
                "*Total*\nEUR 1,249.90 for 3 items",
                "*Ship to*\nLondon, GB",
            ])
        #expect(
            blocks[2]["text"]?["text"]
                == "• 2 × Mechanical keyboard 75% `KB-75-BRN` EUR 378.00\n• 1 × 27\" 4K monitor `MON-27-4K` EUR 871.90")
        #expect(
            blocks[3]["elements"]?[0]?["text"]
                == "<https://admin.shop.example.com/orders/5208793190|Open in the shop admin> · tags: repeat-buyer, newsletter"
        )
    }

    @Test("a small order from a customer who is not a VIP is filtered (exit 0) and Slack hears nothing")
    func routineOrder() async throws {
        let server = try await TestHTTPServer.start { _ in .json(Self.posted) }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let order = try Self.order(["name": "#1043", "total_price": "24.50", "tags": ""])
        let result = try await Self.run(workspace, "--input", "-", input: order)
        #expect(result.status == 0, "\(result)")
        #expect(runSummary(result)?["state"] == "filtered")
        #expect(ExampleSupport.steps(result)["worth_telling"]?["state"] == "filtered")
        #expect(server.requests.isEmpty)
    }

    @Test("Slack refusing the message (HTTP 200, ok: false) fails the run with Slack's reason (exit 1)")
    func refusedMessage() async throws {
        let server = try await TestHTTPServer.start { _ in .json(#"{"ok":false,"error":"not_in_channel"}"#) }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(
            workspace, "--input", ExampleSupport.example("webhook-to-slack/order-created.json"))
        #expect(result.status == 1, "\(result)")
        let summary = runSummary(result)
        #expect(summary?["state"] == "failed")
        #expect(summary?["failed_step"] == "delivered")
        #expect(
            summary?["error"]?.stringValue?.contains("Slack refused the message for #1042: not_in_channel") == true,
            "\(result)")
        #expect(server.requests.count == 1, "a refusal is an answer, not retried")
        Self.expectNoSecret(result)
    }

    @Test("Slack throttling once (429 with Retry-After) is waited out, and the message is posted once")
    func throttled() async throws {
        let calls = Mutex(0)
        let server = try await TestHTTPServer.start { _ in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            return call == 1
                ? .json(#"{"ok":false,"error":"ratelimited"}"#, status: 429, headers: [("Retry-After", "1")])
                : .json(Self.posted)
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(
            workspace, "--input", ExampleSupport.example("webhook-to-slack/order-created.json"))
        #expect(result.status == 0, "\(result)")
        #expect(runSummary(result)?["state"] == "succeeded")
        #expect(server.requests.count == 2)
        #expect(Set(server.requests.map(\.bodyText)).count == 1, "the retry sends the same message")
    }

    @Test("Slack staying unavailable dead-letters the event after the step's three attempts (exit 1)")
    func outage() async throws {
        let server = try await TestHTTPServer.start { _ in
            .json(#"{"ok":false,"error":"service_unavailable"}"#, status: 503, headers: [("Retry-After", "0")])
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(
            workspace, "--input", ExampleSupport.example("webhook-to-slack/order-created.json"))
        #expect(result.status == 1, "\(result)")
        #expect(runSummary(result)?["state"] == "dead_letter", "\(result)")
        #expect(runSummary(result)?["failed_step"] == "post")
        let post = ExampleSupport.steps(result)["post"]
        #expect(post?["state"] == "failed")
        #expect(post?["attempts"] == 3)
        // Each of the step's attempts is also retried by the app's own policy (see the report in the commit).
        #expect(server.requests.count >= 3)
        #expect(server.requests.allSatisfy { $0.path == "/slack/chat.postMessage" })
        #expect(ExampleSupport.steps(result)["delivered"] == nil)
        Self.expectNoSecret(result)
    }

    @Test("served: a cancellation told by its header goes to #sales-cancellations once; SIGINT stops it (exit 0)")
    func served() async throws {
        let server = try await TestHTTPServer.start { request in
            request.path == "/slack/chat.postMessage" ? .json(Self.posted) : .text("no route", status: 404)
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let process = try ExampleSupport.serve(
            Self.flow, connections: workspace.path("connections.yaml"), in: workspace, environment: Self.environment,
            ["--port", "0"])
        let ready = await process.waitForLine(containing: "listening on http://127.0.0.1:")
        let port = try #require(
            ready.flatMap(ExampleSupport.port(in:)), "no address:\n\(process.standardOutput)\n\(process.standardError)")
        #expect(ready?.contains("/hooks/orders (POST)") == true, "\(ready ?? "")")
        let url = "http://127.0.0.1:\(port)/hooks/orders"

        let cancelled = [
            "Content-Type": "application/json", "X-Shop-Topic": "orders/cancelled", "X-Shop-Webhook-Id": "wh-1",
        ]
        let sample = try ExampleSupport.text("webhook-to-slack/order-created.json")
        let (status, answer) = try await ExampleSupport.post(url, body: sample, headers: cancelled)
        #expect(status == 202)
        let runId = answer?["run_id"]?.stringValue
        #expect(runId?.hasPrefix("run_") == true, "\(String(describing: answer))")
        let (repeatStatus, repeated) = try await ExampleSupport.post(url, body: sample, headers: cancelled)
        #expect(repeatStatus == 200)
        #expect(repeated?["duplicate"] == true && repeated?["run_id"]?.stringValue == runId)
        let routine = try Self.order(["name": "#1043", "total_price": "24.50", "tags": ""])
        let (routineStatus, _) = try await ExampleSupport.post(
            url, body: routine,
            headers: [
                "Content-Type": "application/json", "X-Shop-Topic": "orders/create", "X-Shop-Webhook-Id": "wh-2",
            ])
        #expect(routineStatus == 202)

        #expect(await ExampleSupport.eventually { ExampleSupport.finishedRuns(process.standardOutput).count >= 2 })
        process.interrupt()
        let result = await process.wait()
        #expect(result.status == 0, "\(result)")
        Self.expectNoSecret(result)
        let runs = ExampleSupport.finishedRuns(result.standardOutput)
        #expect(runs.count == 2, "the repeated delivery ran again: \(result)")
        #expect(runs.first { $0["run"]?.stringValue == runId }?["state"] == "succeeded")
        #expect(runs.contains { $0["state"] == "filtered" })

        try #require(server.requests.count == 1, "\(server.requests.map(\.bodyText))")
        let request = server.requests[0]
        #expect(request.header("Authorization") == "Bearer \(Self.token)")
        let body = ExampleSupport.body(request)
        #expect(body["channel"] == "#sales-cancellations")
        #expect(body["text"] == ":x: Order #1042 was cancelled (Ada Lovelace)")
        let blocks = body["blocks"]
        #expect(blocks?[0]?["text"]?["text"] == "Order #1042 was cancelled")
        #expect(blocks?.arrayValue?.map { $0["type"] } == ["header", "section", "section", "context", "context"])
        #expect(blocks?[3]?["elements"]?[0]?["text"] == "Reason: none given")
    }
}
