import Crypto
import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// `weft run` against a local API for every authentication type: the API sees the right credentials, the run
/// succeeds, and no secret appears in anything printed.
@Suite("weft run: authentication")
struct RunAuthCLITests {
    /// One authentication type: its `auth:` YAML and how the API checks a request.
    struct AuthCase: Sendable, CustomTestStringConvertible {
        var name: String
        var auth: String
        /// Whether the API request carries the right credentials; `tokens` counts token requests so far.
        var accepts: @Sendable (RecordedRequest, _ port: Int, _ tokens: Int) -> Bool
        /// The token endpoint's answer to the n-th token request (1-based), if the type uses one.
        var token: (@Sendable (RecordedRequest, Int) -> TestResponse)?

        var testDescription: String { name }
    }

    static let secret = "canary-Zq9-secret"

    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    static let cases: [AuthCase] = [
        AuthCase(
            name: "none", auth: "{ type: none }", accepts: { request, _, _ in request.header("Authorization") == nil }),
        AuthCase(
            name: "header", auth: #"{ type: header, name: X-Api-Key, value: "{{ $connection.secret }}" }"#,
            accepts: { request, _, _ in request.header("X-Api-Key") == secret }),
        AuthCase(
            name: "query", auth: #"{ type: query, name: api_key, value: "{{ $connection.secret }}" }"#,
            accepts: { request, _, _ in request.queryValue("api_key") == secret }),
        AuthCase(
            name: "basic", auth: #"{ type: basic, username: ada, password: "{{ $connection.secret }}" }"#,
            accepts: { request, _, _ in request.header("Authorization") == basic("ada", secret) }),
        AuthCase(
            name: "bearer", auth: #"{ type: bearer, token: "{{ $connection.secret }}" }"#,
            accepts: { request, _, _ in request.header("Authorization") == "Bearer \(secret)" }),
        AuthCase(
            name: "oauth2 client credentials",
            auth: """
                { type: oauth2_client_credentials, token_url: "{{ $connection.base_url }}/oauth/token",
                  client_id: app-1, client_secret: "{{ $connection.secret }}", scope: read }
                """,
            accepts: { request, _, _ in request.header("Authorization") == "Bearer access-1" },
            token: { request, count in
                let form = request.bodyText
                guard form.contains("grant_type=client_credentials"), form.contains("client_id=app-1"),
                    form.contains("client_secret=\(secret)")
                else { return .json(#"{"error":"invalid_client"}"#, status: 401) }
                return .json(#"{"access_token":"access-\#(count)","token_type":"Bearer","expires_in":3600}"#)
            }),
        AuthCase(
            name: "oauth2 refresh token, refreshed on 401",
            auth: """
                { type: oauth2_refresh_token, token_url: "{{ $connection.base_url }}/oauth/token",
                  client_id: app-1, client_secret: "{{ $connection.secret }}", refresh_token: refresh-abc }
                """,
            // The first access token is already revoked: the API accepts only the second.
            accepts: { request, _, _ in request.header("Authorization") == "Bearer access-2" },
            token: { request, count in
                guard request.bodyText.contains("grant_type=refresh_token"),
                    request.bodyText.contains("refresh_token=refresh-abc")
                else { return .json(#"{"error":"invalid_grant"}"#, status: 400) }
                return .json(#"{"access_token":"access-\#(count)","token_type":"Bearer","expires_in":3600}"#)
            }),
        AuthCase(
            name: "oauth1 (NetSuite TBA, HMAC-SHA256)",
            auth: """
                { type: oauth1, consumer_key: ck-1, consumer_secret: "{{ $connection.secret }}", token: tk-1,
                  token_secret: ts-1, realm: "123_SB1" }
                """,
            accepts: { request, port, _ in
                verifyOAuth1(
                    request, url: "http://127.0.0.1:\(port)/api/whoami", consumerSecret: secret, tokenSecret: "ts-1")
            }),
    ]

    @Test("each auth type reaches the API with its credentials and prints no secret", arguments: cases)
    func authenticates(_ authCase: AuthCase) async throws {
        let tokenRequests = Mutex(0)
        let server = try await TestHTTPServer.start { request in
            if request.path == "/oauth/token", let token = authCase.token {
                let count = tokenRequests.withLock { count in
                    count += 1
                    return count
                }
                return token(request, count)
            }
            guard request.path == "/api/whoami" else { return .text("no route", status: 404) }
            let port = Int(request.header("Host")?.split(separator: ":").last ?? "") ?? 0
            return authCase.accepts(request, port, tokenRequests.withLock { $0 })
                ? .json(#"{"user":"ada"}"#)
                : .json(#"{"error":"unauthorized"}"#, status: 401)
        }
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        try workspace.writeServiceApp(
            baseURL: server.baseURL, fields: ["secret: { type: string, secret: true }"],
            body: """
                auth: \(authCase.auth.split(separator: "\n").joined(separator: "\n  "))
                actions:
                  whoami: { path: /api/whoami }
                """, values: #"secret: "${SVC_SECRET}""#)
        try workspace.write(
            "who.flow.yaml",
            """
            weft: 1
            flow: who
            connections: { svc: svc }
            steps:
              - id: me
                action: svc/whoami
                connection: svc

            """)
        for format in ["text", "json"] {
            tokenRequests.withLock { $0 = 0 }  // each run is a new process with an empty token cache
            let result = try await weft(
                "run", "who.flow.yaml", "--apps", "apps", "--connections", "connections.yaml", "--log-format", format,
                in: workspace, environment: ["SVC_SECRET": Self.secret])
            #expect(result.status == 0, "\(authCase.name): \(result)")
            #expect(!result.standardOutput.contains(Self.secret), "\(authCase.name) printed the secret: \(result)")
            #expect(!result.standardError.contains(Self.secret), "\(authCase.name) printed the secret: \(result)")
            if format == "json" {
                #expect(runSummary(result)?["output"]?["user"] == "ada", "\(result)")
            }
        }
        #expect(server.requests.contains { $0.path == "/api/whoami" })
    }

    /// Checks an OAuth 1.0a `Authorization` header the way a server does (RFC 5849 §3.4, HMAC-SHA256).
    static func verifyOAuth1(_ request: RecordedRequest, url: String, consumerSecret: String, tokenSecret: String)
        -> Bool
    {
        guard let header = request.header("Authorization"), header.hasPrefix("OAuth ") else { return false }
        var parameters: [String: String] = [:]
        for part in header.dropFirst(6).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            parameters[String(pair[0])] = value.removingPercentEncoding ?? value
        }
        guard parameters["oauth_consumer_key"] == "ck-1", parameters["oauth_token"] == "tk-1",
            parameters["oauth_signature_method"] == "HMAC-SHA256", parameters["realm"] == "123_SB1",
            let signature = parameters["oauth_signature"]
        else { return false }
        var signed = parameters.filter { $0.key != "oauth_signature" && $0.key != "realm" }.map {
            (encode($0.key), encode($0.value))
        }
        for (name, value) in request.query { signed.append((encode(name), encode(value))) }
        signed.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        let normalized = signed.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let base = "\(request.method)&\(encode(url))&\(encode(normalized))"
        let key = SymmetricKey(data: Array("\(encode(consumerSecret))&\(encode(tokenSecret))".utf8))
        let expected = Data(HMAC<SHA256>.authenticationCode(for: Array(base.utf8), using: key)).base64EncodedString()
        return signature == expected
    }

    /// RFC 3986 percent-encoding of everything but unreserved characters.
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
