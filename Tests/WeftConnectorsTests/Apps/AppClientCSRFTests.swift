import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite struct AppClientCSRFTests {
    static let manifest = """
        weft: 1
        app: csrf_test
        name: CSRF test
        version: 1.0.0
        auth: { type: basic, username: u, password: p }
        base_url: "BASE/odata/SRV"
        csrf: { fetch_path: / }
        actions:
          read: { path: /Items }
          create: { method: POST, path: /Items, body: $ }
          created_id:
            method: POST
            path: /Items
            body: $
            result: '{ "id": $headers.location, "status": $status }'
        """

    /// A server that hands out token `t<n>` with cookie `session=s<n>` on `X-CSRF-Token: Fetch`, and accepts a
    /// write only with the latest token and its cookie.
    static func handler(current: Shared<Int>) -> TestHTTPServer.Handler {
        { request in
            if request.method == "GET", request.header("X-CSRF-Token") == "Fetch" {
                let number = current.update { value -> Int in
                    value += 1
                    return value
                }
                return TestResponse(
                    status: 200,
                    headers: [
                        ("X-CSRF-Token", "t\(number)"), ("Set-Cookie", "session=s\(number); path=/; HttpOnly"),
                        ("Set-Cookie", "sap-usercontext=sap-client=100; path=/"),
                    ])
            }
            if request.method == "GET" { return .json(#"{"d":{"results":[]}}"#) }
            let number = current.value
            guard request.header("X-CSRF-Token") == "t\(number)",
                request.header("Cookie") == "session=s\(number); sap-usercontext=sap-client=100"
            else {
                return TestResponse(
                    status: 403, headers: [("X-CSRF-Token", "Required")],
                    body: Array("CSRF token validation failed".utf8))
            }
            return .json(#"{"d":{"ok":true}}"#, status: 201, headers: [("Location", "BASE/Items('1')")])
        }
    }

    @Test func aWriteFetchesTheTokenFirstAndReusesIt() async throws {
        let current = Shared(0)
        try await AppTestSupport.withServer(Self.handler(current: current)) { server, transport in
            let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
            let client = AppClient(
                app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
            _ = try await client.call(action: "read", input: [:], context: AppTestSupport.context())
            #expect(server.requests.count == 1, "reads need no token")
            let first = try await client.call(action: "create", input: ["a": 1], context: AppTestSupport.context())
            let second = try await client.call(action: "create", input: ["a": 2], context: AppTestSupport.context())
            #expect(first == ["d": ["ok": true]] && second == first)
            let requests = server.requests
            #expect(requests.map(\.method) == ["GET", "GET", "POST", "POST"])
            #expect(
                requests[1].path == "/odata/SRV/" && requests[1].header("Authorization")?.hasPrefix("Basic ") == true)
            #expect(current.value == 1, "one token for both writes")
        }
    }

    @Test func aRefusedTokenIsFetchedAgainOnce() async throws {
        let current = Shared(0)
        try await AppTestSupport.withServer(Self.handler(current: current)) { server, transport in
            let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
            let client = AppClient(
                app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
            _ = try await client.call(action: "create", input: ["a": 1], context: AppTestSupport.context())
            current.update { $0 += 10 }  // the server session expires: the token held is now stale
            let journal = RecordingJournal()
            let output = try await client.call(
                action: "created_id", input: ["a": 2], context: AppTestSupport.context(journal: journal))
            #expect(output == ["id": .string("BASE/Items('1')"), "status": 201])
            #expect(server.requests.map(\.method) == ["GET", "POST", "POST", "GET", "POST"])
            #expect(journal.entries.contains { $0.message.contains("CSRF token was refused") })
        }
    }

    @Test func aFetchWithoutATokenFails() async throws {
        try await AppTestSupport.withServer(
            { _ in .json("{}") },
            run: { server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                let failure = await AppTestSupport.failure {
                    () async throws(StepFailure) -> JSON in
                    try await client.call(action: "create", input: [:], context: AppTestSupport.context())
                }
                #expect(failure?.message.contains("fetching the CSRF token failed") == true)
            })
    }
}
