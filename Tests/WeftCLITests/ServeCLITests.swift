import Crypto
import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `weft run FLOW --serve`: each trigger served by the real executable until interrupted.
@Suite("weft run --serve")
struct ServeCLITests {
    /// The `svc` app on `server`, with a `notify` write and a paginated `changes` read.
    static func app(_ workspace: TemporaryWorkspace, server: TestHTTPServer, secrets: String = "") throws {
        try workspace.writeServiceApp(
            baseURL: server.baseURL,
            body: """
                actions:
                  notify: { method: POST, path: /notify, body: $ }
                  changes:
                    path: /changes
                    query: { since: "{{ since }}" }
                    paginate: { type: cursor, next: next, param: page }
                    records: items
                """, extra: secrets)
    }

    @Test("a webhook flow answers signed requests, refuses unsigned ones, runs each once, and stops on SIGINT")
    func webhook() async throws {
        let server = try await TestHTTPServer.start { _ in .json(#"{"ok":true}"#) }
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        try Self.app(workspace, server: server, secrets: "secrets:\n  hook_secret: ${HOOK_SECRET}\n")
        try workspace.write(
            "hook.flow.yaml",
            """
            weft: 1
            flow: hook
            connections: { svc: svc }
            trigger:
              webhook:
                path: /hooks/orders
                verify: { scheme: github, secret: hook_secret }
                delivery_id: headers.`x-github-delivery`
            steps:
              - id: tell
                action: svc/notify
                connection: svc
                input: '{ "text": "order " & id & " for " & $string($sum(items.price)) }'

            """)
        let process = try WeftProcess(
            ["run", "hook.flow.yaml", "--serve", "--port", "0", "--apps", "apps", "--connections", "connections.yaml"],
            directory: workspace.root, environment: ["HOOK_SECRET": "s3cret-hook"])
        let ready = await process.waitForLine(containing: "listening on")
        let address = ready?.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init)
        try #require(address != nil, "no address printed:\n\(process.standardOutput)\n\(process.standardError)")
        let body = #"{"id": 42, "items": [{"price": 5}, {"price": 7}]}"#
        let mac = HMAC<SHA256>.authenticationCode(
            for: Array(body.utf8), using: SymmetricKey(data: Array("s3cret-hook".utf8)))
        let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        let headers = [
            "Content-Type": "application/json", "X-Hub-Signature-256": signature, "X-GitHub-Delivery": "d-1",
        ]

        let (status, answer) = try await ExampleSupport.post(address!, body: body, headers: headers)
        #expect(status == 202)
        #expect(answer?["run_id"]?.stringValue?.hasPrefix("run_") == true)
        let (repeatStatus, repeatAnswer) = try await ExampleSupport.post(address!, body: body, headers: headers)
        #expect(repeatStatus == 200 && repeatAnswer?["duplicate"] == true)
        let (unsigned, refusal) = try await ExampleSupport.post(
            address!, body: body, headers: ["Content-Type": "application/json"])
        #expect(unsigned == 401)
        #expect(refusal?["error"]?["code"] == "signature_invalid")

        #expect(await ExampleSupport.eventually { server.requests.contains { $0.path == "/notify" } })
        process.interrupt()
        let result = await process.wait()
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("stopped"))
        #expect(!result.standardOutput.contains("s3cret-hook") && !result.standardError.contains("s3cret-hook"))
        let notifications = server.requests.filter { $0.path == "/notify" }
        #expect(notifications.count == 1, "the repeated delivery ran again")
        #expect(notifications.first?.bodyText.contains("order 42 for 12") == true)
    }

    @Test("a verified webhook whose secret is not configured does not start (exit 2, with what to do)")
    func webhookWithoutSecret() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "hook.flow.yaml",
            """
            weft: 1
            flow: hook
            trigger: { webhook: { verify: { scheme: stripe, secret: stripe_secret } } }
            steps:
              - id: a
                map: $

            """)
        let result = try await weft("run", "hook.flow.yaml", "--serve", "--port", "0", in: workspace)
        #expect(result.status == 2, "\(result)")
        #expect(result.standardError.contains("stripe_secret") && result.standardError.contains("secrets:"))
    }

    @Test("a file flow takes each new file once and moves it aside")
    func fileTrigger() async throws {
        let server = try await TestHTTPServer.start { _ in .json(#"{"ok":true}"#) }
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        try Self.app(workspace, server: server)
        try workspace.write(
            "files.flow.yaml",
            """
            weft: 1
            flow: files
            connections: { svc: svc }
            trigger:
              file: { directory: inbox, pattern: "*.csv", format: csv, every: 100ms }
            steps:
              - id: send
                action: svc/notify
                connection: svc
                input: '{ "file": $trigger.name, "skus": $.sku }'

            """)
        try workspace.write("inbox/first.csv", "sku,qty\nA-1,2\nB-2,3\n")
        try workspace.write("inbox/notes.txt", "not a csv")
        let process = try WeftProcess(
            ["run", "files.flow.yaml", "--serve", "--apps", "apps", "--connections", "connections.yaml"],
            directory: workspace.root)
        #expect(await ExampleSupport.eventually { server.requests.count == 1 })
        try workspace.write("inbox/second.csv", "sku,qty\nC-3,1\n")
        #expect(await ExampleSupport.eventually { server.requests.count == 2 })
        process.interrupt()
        let result = await process.wait()
        #expect(result.status == 0, "\(result)")
        let bodies = server.requests.map { (try? JSONParser().parse($0.bodyText)) ?? .null }
        #expect(bodies.first == ["file": "first.csv", "skus": ["A-1", "B-2"]])
        #expect(bodies.last == ["file": "second.csv", "skus": "C-3"])
        #expect(workspace.exists("inbox/processed/first.csv") && workspace.exists("inbox/processed/second.csv"))
        #expect(workspace.exists("inbox/notes.txt"))
    }

    @Test("weft run --input FILE on a file flow reads the file as the trigger would, and leaves it in place")
    func fileFlowRunOnce() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "files.flow.yaml",
            """
            weft: 1
            flow: files
            trigger: { file: { directory: inbox, pattern: "*.csv", format: csv } }
            steps:
              - id: shape
                map: '{ "file": $trigger.name, "count": $count($), "first": $[0].sku }'

            """)
        try workspace.write("data/one.csv", "sku,qty\nA-1,2\nB-2,3\n")
        let result = try await weft(
            "run", "files.flow.yaml", "--input", "data/one.csv", "--log-format", "json", in: workspace)
        #expect(result.status == 0, "\(result)")
        #expect(runSummary(result)?["output"] == ["file": "one.csv", "count": 2, "first": "A-1"])
        #expect(workspace.exists("data/one.csv"))
    }

    @Test("a poll flow delivers each record once, resumes from its cursor, and keeps its state across restarts")
    func pollTrigger() async throws {
        // Records 1 and 2 exist at first; record 3 appears later; the API ignores `since` and pages by cursor.
        let records = Mutex([
            #"{"id":1,"updated_at":"2026-01-01T10:00:00Z"}"#, #"{"id":2,"updated_at":"2026-01-02T10:00:00Z"}"#,
        ])
        let server = try await TestHTTPServer.start { request in
            guard request.path == "/changes" else { return .json(#"{"ok":true}"#) }
            let all = records.withLock { $0 }
            if request.queryValue("page") == "2" {
                return .json(#"{"items":[\#(all.dropFirst().joined(separator: ","))]}"#)
            }
            return .json(#"{"items":[\#(all[0])],"next":"2"}"#)
        }
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        try Self.app(workspace, server: server)
        try workspace.write(
            "poll.flow.yaml",
            """
            weft: 1
            flow: poll
            connections: { svc: svc }
            trigger:
              poll:
                action: svc/changes
                connection: svc
                every: 100ms
                cursor: { field: updated_at, param: since, initial: "2025-12-31T00:00:00Z" }
                key: $string(id)
            steps:
              - id: tell
                action: svc/notify
                connection: svc
                input: '{ "id": id }'

            """)
        let arguments = ["run", "poll.flow.yaml", "--serve", "--apps", "apps", "--connections", "connections.yaml"]
        func notified() -> [String] { server.requests.filter { $0.path == "/notify" }.map(\.bodyText) }
        let first = try WeftProcess(arguments, directory: workspace.root)
        #expect(await ExampleSupport.eventually { notified().count == 2 })
        records.withLock { $0.append(#"{"id":3,"updated_at":"2026-01-03T10:00:00Z"}"#) }
        #expect(await ExampleSupport.eventually { notified().count == 3 })
        // Several more polls see the same three records and deliver nothing new.
        let polls = server.requests.filter { $0.path == "/changes" }.count
        #expect(await ExampleSupport.eventually { server.requests.filter { $0.path == "/changes" }.count >= polls + 6 })
        first.interrupt()
        #expect(await first.wait().status == 0)
        #expect(notified() == [#"{"id":1}"#, #"{"id":2}"#, #"{"id":3}"#])
        let sinces = server.requests.filter { $0.path == "/changes" && $0.queryValue("page") == nil }
            .compactMap { $0.queryValue("since") }
        #expect(sinces.first == "2025-12-31T00:00:00Z")
        #expect(sinces.last == "2026-01-03T10:00:00Z")

        // A restart resumes from the saved state: nothing is delivered again.
        let before = server.requests.count
        let second = try WeftProcess(arguments, directory: workspace.root)
        #expect(
            await ExampleSupport.eventually {
                server.requests.filter { $0.path == "/changes" }.count > polls + 8 && server.requests.count > before + 2
            })
        second.interrupt()
        #expect(await second.wait().status == 0)
        #expect(notified().count == 3)
        #expect(workspace.exists(".weft/state/poll.json"))
    }

    @Test("a schedule flow fires on its cron and stops cleanly")
    func scheduleTrigger() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "tick.flow.yaml",
            """
            weft: 1
            flow: tick
            trigger: { schedule: { cron: "* * * * * *" } }
            steps:
              - id: at
                map: '{ "at": time }'

            """)
        let process = try WeftProcess(
            ["run", "tick.flow.yaml", "--serve", "--log-format", "json"], directory: workspace.root)
        #expect(
            await ExampleSupport.eventually {
                jsonLines(process.standardOutput).filter { $0["event"] == "run_finished" }.count >= 2
            })
        process.interrupt()
        let result = await process.wait()
        #expect(result.status == 0, "\(result)")
        let runs = jsonLines(result.standardOutput).filter { $0["event"] == "run_finished" }
        #expect(
            runs.allSatisfy {
                $0["state"] == "succeeded" && $0["output"]?["at"]?.stringValue?.hasSuffix(".000Z") == true
            })
        #expect(
            Set(runs.compactMap { $0["output"]?["at"]?.stringValue }).count == runs.count, "each instant fires once")
    }

    @Test("a manual flow has nothing to serve (exit 2)")
    func manualFlow() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("m.flow.yaml", "weft: 1\nflow: m\nsteps:\n  - id: a\n    map: $\n")
        let result = try await weft("run", "m.flow.yaml", "--serve", in: workspace)
        #expect(result.status == 2)
        #expect(result.standardError.contains("--input"))
    }
}
