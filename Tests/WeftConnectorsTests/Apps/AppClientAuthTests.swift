import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite struct AppClientAuthTests {
    static func manifest(auth: String, fields: String) -> String {
        """
        weft: 1
        app: auth_test
        name: Auth test
        version: 1.0.0
        connection:
          fields:
        \(fields)
        auth: \(auth)
        base_url: "BASE/api"
        actions:
          me:
            path: /me
            query: { verbose: "yes" }
        """
    }

    static func call(
        _ server: TestHTTPServer, _ transport: AsyncHTTPTransport, auth: String, fields: String,
        values: [String: JSON], clock: ManualClock = ManualClock()
    ) async throws -> JSON {
        let app = try AppTestSupport.app(manifest(auth: auth, fields: fields), base: server.baseURL)
        let client = AppClient(
            app: app, connection: ConnectionValues(name: "test", app: app.id, fields: values), transport: transport,
            clock: clock)
        return try await client.call(action: "me", input: [:], context: AppTestSupport.context())
    }

    @Test func headerAuthSendsTheHeaderExactly() async throws {
        let output = try await AppTestSupport.withServer(
            { request in
                request.header("X-Api-Key") == "k-123 456" ? .json(#"{"me":"ok"}"#) : .json("{}", status: 401)
            },
            run: { server, transport in
                try await Self.call(
                    server, transport, auth: #"{ type: header, name: X-Api-Key, value: "{{ $connection.key }}" }"#,
                    fields: "    key: { secret: true }", values: ["key": "k-123 456"])
            })
        #expect(output == ["me": "ok"])
    }

    @Test func queryAuthAddsTheParameter() async throws {
        let seen = Shared<[String]>([])
        let output = try await AppTestSupport.withServer(
            { request in
                seen.update { $0.append(request.uri) }
                return request.queryValue("api_key") == "q/1&2" && request.queryValue("verbose") == "yes"
                    ? .json(#"{"me":"ok"}"#) : .json("{}", status: 401)
            },
            run: { server, transport in
                try await Self.call(
                    server, transport, auth: #"{ type: query, name: api_key, value: "{{ $connection.key }}" }"#,
                    fields: "    key: { secret: true }", values: ["key": "q/1&2"])
            })
        #expect(output == ["me": "ok"])
        #expect(seen.value == ["/api/me?verbose=yes&api_key=q%2F1%262"])
    }

    @Test func basicAuthSendsUserAndPassword() async throws {
        let expected = "Basic " + Data("ada:pa ss:wörd".utf8).base64EncodedString()
        let output = try await AppTestSupport.withServer(
            { request in
                request.header("Authorization") == expected ? .json(#"{"me":"ok"}"#) : .json("{}", status: 401)
            },
            run: { server, transport in
                try await Self.call(
                    server, transport,
                    auth:
                        #"{ type: basic, username: "{{ $connection.user }}", password: "{{ $connection.password }}" }"#,
                    fields: "    user: {}\n    password: { secret: true }",
                    values: ["user": "ada", "password": "pa ss:wörd"])
            })
        #expect(output == ["me": "ok"])
    }

    @Test func bearerAuthSendsTheToken() async throws {
        let output = try await AppTestSupport.withServer(
            { request in
                request.header("Authorization") == "Bearer t0k3n" ? .json(#"{"me":"ok"}"#) : .json("{}", status: 401)
            },
            run: { server, transport in
                try await Self.call(
                    server, transport, auth: #"{ type: bearer, token: "{{ $connection.token }}" }"#,
                    fields: "    token: { secret: true }", values: ["token": "t0k3n"])
            })
        #expect(output == ["me": "ok"])
    }

    // MARK: OAuth 1.0a

    /// RFC 3986 percent-encoding with the unreserved set, written independently of the signer.
    static func percentEncode(_ text: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        return text.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
            .joined()
    }

    /// Recomputes the OAuth 1.0a signature of a received request (RFC 5849 §3.4) and compares it.
    static func verifyOAuth1(_ request: RecordedRequest, base: String, consumerSecret: String, tokenSecret: String)
        -> Bool
    {
        guard let header = request.header("Authorization"), header.hasPrefix("OAuth ") else { return false }
        var parameters: [String: String] = [:]
        for item in header.dropFirst(6).components(separatedBy: ", ") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return false }
            parameters[String(pair[0])] = String(pair[1].dropFirst().dropLast()).removingPercentEncoding
        }
        guard let signature = parameters.removeValue(forKey: "oauth_signature") else { return false }
        parameters.removeValue(forKey: "realm")
        var pairs = parameters.map { (percentEncode($0.key), percentEncode($0.value)) }
        pairs += request.query.map { (percentEncode($0.name), percentEncode($0.value)) }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let normalized = pairs.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let baseString = [request.method, percentEncode(base + request.path), percentEncode(normalized)]
            .joined(separator: "&")
        let key = percentEncode(consumerSecret) + "&" + percentEncode(tokenSecret)
        let expected = HMACSignature.base64(.sha256, key: Array(key.utf8), message: Array(baseString.utf8))
        return expected == signature
    }

    @Test func oauth1SignatureVerifiesOnTheServer() async throws {
        let clock = ManualClock()
        let base = Shared("")
        let headers = Shared<[String]>([])
        let output = try await AppTestSupport.withServer(
            { request in
                headers.update { $0.append(request.header("Authorization") ?? "") }
                return Self.verifyOAuth1(request, base: base.value, consumerSecret: "c&secret", tokenSecret: "t secret")
                    ? .json(#"{"me":"ok"}"#) : .json(#"{"error":"bad signature"}"#, status: 401)
            },
            run: { server, transport in
                base.update { $0 = server.baseURL }
                let auth = """
                    { type: oauth1, consumer_key: "{{ $connection.ck }}", consumer_secret: "{{ $connection.cs }}",
                      token: "{{ $connection.tk }}", token_secret: "{{ $connection.ts }}", realm: "123_SB1" }
                    """
                let fields = "    ck: {}\n    cs: { secret: true }\n    tk: {}\n    ts: { secret: true }"
                let values: [String: JSON] = ["ck": "consumer", "cs": "c&secret", "tk": "token-id", "ts": "t secret"]
                var outputs: [JSON] = []
                for _ in 0..<2 {
                    outputs.append(
                        try await Self.call(server, transport, auth: auth, fields: fields, values: values, clock: clock)
                    )
                }
                return outputs
            })
        #expect(output == [["me": "ok"], ["me": "ok"]])
        let sent = headers.value
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0.contains(#"oauth_timestamp="1767225600""#) && $0.contains(#"realm="123_SB1""#) })
        #expect(sent.allSatisfy { $0.contains(#"oauth_signature_method="HMAC-SHA256""#) })
        // A fresh nonce for every request.
        let nonces = sent.map { $0.components(separatedBy: "oauth_nonce=\"")[1].prefix(while: { $0 != "\"" }) }
        #expect(Set(nonces).count == 2)
    }

    // MARK: OAuth 2.0

    /// A token endpoint and an API that accepts only the newest token not revoked.
    final class OAuthServerState: Sendable {
        let issued = Shared(0)
        /// Tokens numbered below this are refused with 401.
        let minimumAccepted = Shared(1)
        let refreshTokensSeen = Shared<[String]>([])
        let apiCalls = Shared(0)

        func handle(_ request: RecordedRequest, grant: String) -> TestResponse {
            if request.path == "/oauth/token" {
                let form = RecordedRequest(method: "", uri: "/?" + request.bodyText, headers: [], body: [])
                guard request.method == "POST", form.queryValue("grant_type") == grant,
                    form.queryValue("client_id") == "client-1", form.queryValue("client_secret") == "cl!ent secret"
                else { return .json(#"{"error":"invalid_client"}"#, status: 401) }
                if grant == "refresh_token" {
                    refreshTokensSeen.update { $0.append(form.queryValue("refresh_token") ?? "") }
                }
                let number = issued.update { value -> Int in
                    value += 1
                    return value
                }
                return .json(
                    #"{"access_token":"tok-\#(number)","token_type":"bearer","expires_in":3600,"#
                        + #""refresh_token":"rt-\#(number)"}"#)
            }
            apiCalls.update { $0 += 1 }
            let current = issued.value
            guard current >= minimumAccepted.value, request.header("Authorization") == "Bearer tok-\(current)" else {
                return .json(#"{"error":"invalid_token"}"#, status: 401)
            }
            return .json(#"{"token":"tok-\#(current)"}"#)
        }
    }

    static let oauthFields =
        "    client_id: {}\n    client_secret: { secret: true }\n    refresh_token: { secret: true }"
    static let oauthValues: [String: JSON] = [
        "client_id": "client-1", "client_secret": "cl!ent secret", "refresh_token": "rt-0",
    ]

    @Test func oauth2ClientCredentialsTokenIsCachedRefreshedOnExpiryAndAfter401() async throws {
        let state = OAuthServerState()
        let clock = ManualClock()
        try await AppTestSupport.withServer(
            { state.handle($0, grant: "client_credentials") },
            run: { server, transport in
                let auth = """
                    { type: oauth2_client_credentials, token_url: "BASE/oauth/token", client_id: "{{ $connection.client_id }}",
                      client_secret: "{{ $connection.client_secret }}", scope: "read write" }
                    """
                let app = try AppTestSupport.app(
                    Self.manifest(auth: auth, fields: Self.oauthFields), base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: Self.oauthValues),
                    transport: transport, clock: clock)
                let context = AppTestSupport.context()
                // Reused until it expires.
                for _ in 0..<3 {
                    #expect(try await client.call(action: "me", input: [:], context: context) == ["token": "tok-1"])
                }
                #expect(state.issued.value == 1)
                // Refreshed after expiry.
                clock.advance(by: .seconds(3600))
                #expect(try await client.call(action: "me", input: [:], context: context) == ["token": "tok-2"])
                #expect(state.issued.value == 2)
                // Refreshed once after a 401, and the call retried.
                state.minimumAccepted.update { $0 = 3 }
                #expect(try await client.call(action: "me", input: [:], context: context) == ["token": "tok-3"])
                #expect(state.issued.value == 3)
                #expect(state.apiCalls.value == 6)
                let tokenRequest = server.requests.first { $0.path == "/oauth/token" }
                #expect(tokenRequest?.bodyText.contains("scope=read+write") == true)
            })
    }

    @Test func concurrentCallsShareOneTokenRequest() async throws {
        let state = OAuthServerState()
        try await AppTestSupport.withServer(
            { request in
                if request.path == "/oauth/token" {
                    var response = state.handle(request, grant: "client_credentials")
                    response.delay = .milliseconds(100)
                    return response
                }
                return state.handle(request, grant: "client_credentials")
            },
            run: { server, transport in
                let auth = """
                    { type: oauth2_client_credentials, token_url: "BASE/oauth/token",
                      client_id: "{{ $connection.client_id }}", client_secret: "{{ $connection.client_secret }}" }
                    """
                let app = try AppTestSupport.app(
                    Self.manifest(auth: auth, fields: Self.oauthFields), base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: Self.oauthValues),
                    transport: transport, clock: ManualClock())
                let outputs = try await withThrowingTaskGroup(of: JSON.self) { group in
                    for _ in 0..<5 {
                        group.addTask {
                            try await client.call(action: "me", input: [:], context: AppTestSupport.context())
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(outputs == Array(repeating: ["token": "tok-1"], count: 5))
                #expect(state.issued.value == 1)
            })
    }

    @Test func oauth2RefreshTokenUsesTheRotatedRefreshToken() async throws {
        let state = OAuthServerState()
        let clock = ManualClock()
        try await AppTestSupport.withServer(
            { state.handle($0, grant: "refresh_token") },
            run: { server, transport in
                let auth = """
                    { type: oauth2_refresh_token, token_url: "BASE/oauth/token", client_id: "{{ $connection.client_id }}",
                      client_secret: "{{ $connection.client_secret }}", refresh_token: "{{ $connection.refresh_token }}" }
                    """
                let app = try AppTestSupport.app(
                    Self.manifest(auth: auth, fields: Self.oauthFields), base: server.baseURL)
                let pool = AppClientPool(transport: transport, clock: clock)
                let connection = ConnectionValues(name: "c", app: app.id, fields: Self.oauthValues)
                let context = AppTestSupport.context()
                #expect(
                    try await pool.client(for: app, connection: connection).call(
                        action: "me", input: [:], context: context)
                        == ["token": "tok-1"])
                // Another step, same pool: the same client and token.
                #expect(
                    try await pool.client(for: app, connection: connection).call(
                        action: "me", input: [:], context: context)
                        == ["token": "tok-1"])
                #expect(pool.count == 1)
                clock.advance(by: .seconds(3601))
                #expect(
                    try await pool.client(for: app, connection: connection).call(
                        action: "me", input: [:], context: context)
                        == ["token": "tok-2"])
                state.minimumAccepted.update { $0 = 3 }
                #expect(
                    try await pool.client(for: app, connection: connection).call(
                        action: "me", input: [:], context: context)
                        == ["token": "tok-3"])
                #expect(state.refreshTokensSeen.value == ["rt-0", "rt-1", "rt-2"])
            })
    }

    @Test func oauth2RejectedClientFailsWithoutLeakingTheSecret() async throws {
        let journal = RecordingJournal()
        let failure = try await AppTestSupport.withServer(
            { request in
                request.path == "/oauth/token"
                    ? .json(#"{"error":"invalid_client","error_description":"bad secret cl!ent secret"}"#, status: 401)
                    : .json("{}")
            },
            run: { server, transport in
                let auth = """
                    { type: oauth2_client_credentials, token_url: "BASE/oauth/token", client_id: "{{ $connection.client_id }}",
                      client_secret: "{{ $connection.client_secret }}" }
                    """
                let app = try AppTestSupport.app(
                    Self.manifest(auth: auth, fields: Self.oauthFields), base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: Self.oauthValues),
                    transport: transport, clock: ManualClock())
                return await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(action: "me", input: [:], context: AppTestSupport.context(journal: journal))
                }
            })
        #expect(failure?.kind == .httpStatus)
        #expect(failure?.status == 401)
        #expect(failure?.message.contains("invalid_client") == true)
        #expect(failure?.message.contains("cl!ent secret") == false)
    }
}
