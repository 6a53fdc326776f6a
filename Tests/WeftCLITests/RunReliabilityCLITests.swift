import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// `weft run` when the far side misbehaves: `Retry-After`, timeouts, each `on_error` choice, and the dry run.
@Suite("weft run: retries, timeouts, errors and dry runs")
struct RunReliabilityCLITests {
    /// A workspace with an app `svc` on `server` and a flow `flow.yaml` whose steps are `steps` (YAML).
    static func workspace(server: TestHTTPServer, steps: String, appExtra: String = "") throws -> TemporaryWorkspace {
        let workspace = try TemporaryWorkspace()
        try workspace.writeServiceApp(
            baseURL: server.baseURL,
            body: """
                \(appExtra)
                actions:
                  get_thing: { path: /thing }
                  put_thing: { method: PUT, path: "/thing/{{ id }}", body: $ }
                  alert: { method: POST, path: /alerts, body: $ }
                """)
        try workspace.write(
            "flow.yaml",
            "weft: 1\nflow: reliability\nconnections: { svc: svc }\nsteps:\n"
                + steps.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
        return workspace
    }

    static func run(_ workspace: TemporaryWorkspace, _ extra: String...) async throws -> CommandResult {
        try await WeftProcess.run(
            ["run", "flow.yaml", "--apps", "apps", "--connections", "connections.yaml", "--log-format", "json"] + extra,
            directory: workspace.root)
    }

    /// The step records of a JSON run, by path.
    static func steps(_ result: CommandResult) -> [String: JSON] {
        var steps: [String: JSON] = [:]
        for event in jsonLines(result.standardOutput) where event["event"] == "step_finished" {
            if let path = event["step"]?.stringValue ?? event["path"]?.stringValue { steps[path] = event }
        }
        return steps
    }

    @Test("a 429 with Retry-After is waited out and tried again")
    func retryAfter() async throws {
        let calls = Mutex(0)
        let server = try await TestHTTPServer.start { _ in
            let call = calls.withLock { count in
                count += 1
                return count
            }
            return call == 1
                ? .json(#"{"error":"slow down"}"#, status: 429, headers: [("Retry-After", "1")])
                : .json(#"{"id":1}"#)
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(
            server: server,
            steps: """
                - id: fetch
                  action: svc/get_thing
                  connection: svc
                  retry: { attempts: 3, backoff: fixed, initial: 50ms, respect_retry_after: true }
                """)
        let result = try await Self.run(workspace)
        #expect(result.status == 0, "\(result)")
        #expect(server.requests.count == 2)
        #expect(Self.steps(result)["fetch"]?["attempts"] == 2, "\(result)")
        #expect(result.standardOutput.contains("retry") || result.standardOutput.contains("Retry"), "\(result)")
    }

    @Test("an app-level retry honours Retry-After too, and a step that never succeeds fails the run with exit 1")
    func appRetryThenFailure() async throws {
        let server = try await TestHTTPServer.start { _ in
            .json(#"{"error":"down"}"#, status: 503, headers: [("Retry-After", "0")])
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(
            server: server,
            steps: """
                - id: fetch
                  action: svc/get_thing
                  connection: svc
                """,
            appExtra: "retry: { on: [503], attempts: 3, backoff: fixed, initial: 10ms, respect_retry_after: true }")
        let result = try await Self.run(workspace)
        #expect(result.status == 1, "\(result)")
        #expect(server.requests.count == 3)
        #expect(runSummary(result)?["state"] == "failed")
        #expect(runSummary(result)?["error"]?.stringValue?.contains("503") == true, "\(result)")
    }

    @Test("a step timeout stops a slow request and fails the run")
    func timeout() async throws {
        let server = try await TestHTTPServer.start { _ in
            TestResponse(
                status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8), delay: .seconds(5)
            )
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(
            server: server,
            steps: """
                - id: fetch
                  action: svc/get_thing
                  connection: svc
                  timeout: 200ms
                """)
        let result = try await Self.run(workspace)
        #expect(result.status == 1, "\(result)")
        #expect(runSummary(result)?["error"]?.stringValue?.contains("timeout") == true, "\(result)")
    }

    /// A server where PUT /thing fails with 500 and everything else succeeds.
    static func failingWrites() async throws -> TestHTTPServer {
        try await TestHTTPServer.start { request in
            request.method == "PUT" ? .json(#"{"error":"boom"}"#, status: 500) : .json(#"{"ok":true}"#)
        }
    }

    static func failingStep(onError: String) -> String {
        """
        - id: write
          action: svc/put_thing
          connection: svc
          input: '{ "id": 7 }'
          on_error: \(onError)
        - id: after
          map: '{ "went_on": true }'
        """
    }

    @Test("on_error: fail stops the run as failed (exit 1)")
    func onErrorFail() async throws {
        let server = try await Self.failingWrites()
        defer { Task { await server.stop() } }
        let result = try await Self.run(try Self.workspace(server: server, steps: Self.failingStep(onError: "fail")))
        #expect(result.status == 1)
        #expect(runSummary(result)?["state"] == "failed")
        #expect(runSummary(result)?["failed_step"] == "write")
        #expect(Self.steps(result)["after"] == nil)
    }

    @Test("on_error: continue records the failure and goes on")
    func onErrorContinue() async throws {
        let server = try await Self.failingWrites()
        defer { Task { await server.stop() } }
        let result = try await Self.run(
            try Self.workspace(server: server, steps: Self.failingStep(onError: "continue")))
        #expect(result.status == 0, "\(result)")
        #expect(runSummary(result)?["state"] == "succeeded")
        #expect(Self.steps(result)["write"]?["state"] == "recovered")
        #expect(runSummary(result)?["output"] == ["went_on": true])
    }

    @Test("on_error: dead_letter ends the run as a dead letter (exit 1)")
    func onErrorDeadLetter() async throws {
        let server = try await Self.failingWrites()
        defer { Task { await server.stop() } }
        let result = try await Self.run(
            try Self.workspace(server: server, steps: Self.failingStep(onError: "dead_letter")))
        #expect(result.status == 1, "\(result)")
        #expect(runSummary(result)?["state"] == "dead_letter", "\(result)")
    }

    @Test("on_error steps run the handler, which sees the error, and the run goes on")
    func onErrorSteps() async throws {
        let server = try await Self.failingWrites()
        defer { Task { await server.stop() } }
        let steps = Self.failingStep(
            onError: """

                    steps:
                      - id: tell
                        action: svc/alert
                        connection: svc
                        input: '{ "failed": true }'
                """)
        let result = try await Self.run(try Self.workspace(server: server, steps: steps))
        #expect(result.status == 0, "\(result)")
        #expect(server.requests.contains { $0.method == "POST" && $0.path == "/alerts" })
        #expect(runSummary(result)?["output"] == ["went_on": true], "\(result)")
    }

    @Test("--dry-run performs reads, sends no write, and prints what it would have sent with secrets masked")
    func dryRun() async throws {
        let server = try await TestHTTPServer.start { _ in .json(#"{"id":7,"name":"thing"}"#) }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(
            server: server,
            steps: """
                - id: read
                  action: svc/get_thing
                  connection: svc
                - id: write
                  action: svc/put_thing
                  connection: svc
                  input: '{ "id": $steps.read.id, "name": "renamed" }'
                - id: post
                  http:
                    method: POST
                    url: "\(server.baseURL)/hooks"
                    headers: { Authorization: "Bearer canary-dry-secret" }
                    body: '{ "id": 7 }'
                - id: save
                  file: { path: out/thing.json }
                """)
        let result = try await Self.run(workspace, "--dry-run")
        #expect(result.status == 0, "\(result)")
        #expect(server.requests.map(\.method) == ["GET"], "the server saw \(server.requests.map(\.method))")
        let wouldSend = jsonLines(result.standardOutput).filter { $0["event"] == "dry_run" }
        #expect(wouldSend.map { $0["method"] } == ["PUT", "POST"], "\(result)")
        #expect(wouldSend.first?["body"]?["name"] == "renamed")
        #expect(!result.standardOutput.contains("canary-dry-secret"), "\(result)")
        #expect(!workspace.exists("out/thing.json"))
    }
}
