import Crypto
import Foundation
import Hummingbird
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// Signing a connection in through a provider's consent page: the authorization code grant with PKCE, the refresh
/// token sealed into the connection, runs refreshing access tokens from it, and every way it must refuse.
@Suite("OAuth sign-in API")
struct OAuthSignInAPITests {
    static let refreshToken = "rt-canary-90211"
    static let clientSecret = "client-secret-canary-3"

    static func manifest(authorize: Bool = true) -> JSON {
        [
            "source": .string(
                """
                weft: 1
                app: crm
                name: CRM
                version: 1.0.0
                connection:
                  fields:
                    base_url: { type: string }
                    client_id: { type: string }
                    client_secret: { type: string, secret: true }
                    refresh_token: { type: string, secret: true, required: false }
                auth:
                  type: oauth2_refresh_token
                  \(authorize ? #"authorize_url: "{{ $connection.base_url }}/authorize""# : "")
                  token_url: "{{ $connection.base_url }}/token"
                  client_id: "{{ $connection.client_id }}"
                  client_secret: "{{ $connection.client_secret }}"
                  refresh_token: "{{ $connection.refresh_token }}"
                  scope: read offline_access
                base_url: "{{ $connection.base_url }}/api"
                actions:
                  me: { path: /me }

                """)
        ]
    }

    /// The provider: a token endpoint that checks the code, the redirect, the client and the PKCE verifier, and
    /// an API that wants the access token it issued.
    final class Provider: Sendable {
        let challenge = Mutex<String?>(nil)
        let redirect = "https://weft.example/v1/oauth/callback"

        func answer(_ request: RecordedRequest) -> TestResponse {
            let form = Dictionary(
                request.bodyText.split(separator: "&").map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1).map {
                        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
                    }
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }, uniquingKeysWith: { $1 })
            switch request.path {
            case "/token"
            where form["client_id"] != "weft-client" || form["client_secret"] != OAuthSignInAPITests.clientSecret:
                return .json(#"{"error":"invalid_client"}"#, status: 401)
            case "/token" where form["grant_type"] == "authorization_code":
                let verifier = form["code_verifier"] ?? ""
                let computed = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
                    .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "=", with: "")
                guard form["code"] == "the-code", form["redirect_uri"] == redirect,
                    computed == challenge.withLock({ $0 })
                else { return .json(#"{"error":"invalid_grant"}"#, status: 400) }
                return .json(
                    #"{"access_token":"at-1","token_type":"Bearer","expires_in":3600,"refresh_token":"\#(OAuthSignInAPITests.refreshToken)"}"#
                )
            case "/token" where form["grant_type"] == "refresh_token":
                guard form["refresh_token"] == OAuthSignInAPITests.refreshToken else {
                    return .json(#"{"error":"invalid_grant"}"#, status: 400)
                }
                return .json(#"{"access_token":"at-2","token_type":"Bearer","expires_in":3600}"#)
            case "/api/me" where request.header("Authorization") == "Bearer at-2":
                return .json(#"{"user":"ada"}"#)
            default:
                return .json(#"{"error":"nope"}"#, status: 401)
            }
        }
    }

    static func query(_ url: String) -> [String: String] {
        guard let components = URLComponents(string: url) else { return [:] }
        return Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    @Test("start, consent, callback: the refresh token is sealed into the connection and runs use it")
    func signInAndRun() async throws {
        let provider = Provider()
        let api = try await TestHTTPServer.start { provider.answer($0) }
        let server = try await PlatformTestServer(
            egressAllowList: ["127.0.0.1:\(api.port)"], publicURL: "https://weft.example/")
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let base = "/v1/orgs/\(org)"
            _ = try await client.call(.post, "\(base)/apps", token: ada.token, json: Self.manifest())
            _ = try await client.call(
                .post, "\(base)/connections", token: ada.token,
                json: [
                    "name": "crm", "app": "crm",
                    "values": [
                        "base_url": .string(api.baseURL), "client_id": "weft-client",
                        "client_secret": .string(Self.clientSecret),
                    ],
                ])
            let started = try await client.call(.post, "\(base)/connections/crm/oauth/start", token: ada.token)
            #expect(started.status == .ok, "\(String(describing: started.body))")
            let address = try #require(started.body?["authorize_url"]?.stringValue)
            #expect(address.hasPrefix(api.baseURL + "/authorize?"))
            let parameters = Self.query(address)
            #expect(parameters["response_type"] == "code" && parameters["client_id"] == "weft-client")
            #expect(parameters["redirect_uri"] == provider.redirect && parameters["scope"] == "read offline_access")
            #expect(parameters["code_challenge_method"] == "S256")
            let state = try #require(parameters["state"])
            provider.challenge.withLock { $0 = parameters["code_challenge"] }

            // The person consents; the provider sends the browser back with a code.
            let callback = try await client.call(.get, "/v1/oauth/callback?code=the-code&state=\(state)")
            #expect(
                callback.status == .ok && callback.body?["connected"] == true, "\(String(describing: callback.body))")
            let again = try await client.call(.get, "/v1/oauth/callback?code=the-code&state=\(state)")
            #expect(again.status == .badRequest && again.body?["error"]?["code"] == "unknown_sign_in")

            let shown = try await client.call(.get, "\(base)/connections/crm", token: ada.token)
            #expect(shown.body?["connection"]?["values"]?["refresh_token"] == "••••")
            _ = try await client.call(
                .post, "\(base)/flows", token: ada.token,
                json: [
                    "source": "weft: 1\nflow: who\nconnections: { crm: crm }\nsteps:\n  - { id: me, action: crm/me }\n"
                ])
            let run = try await client.call(.post, "\(base)/flows/who/runs", token: ada.token, json: ["input": [:]])
            #expect(run.body?["record"]?["output"] == ["user": "ada"], "\(String(describing: run.body))")
            for body in [started.body, callback.body, shown.body, run.body] {
                let text = body?.serialized() ?? ""
                #expect(!text.contains(Self.refreshToken) && !text.contains(Self.clientSecret), "a secret shows")
            }
            let audit = try await client.call(.get, "\(base)/audit", token: ada.token)
            #expect(audit.body?.serialized().contains("connection.signed_in") == true)
        }
        await api.stop()
    }

    @Test("a refused consent, a forged state, a wrong code and an app without browser sign-in are refused")
    func refusals() async throws {
        let provider = Provider()
        let api = try await TestHTTPServer.start { provider.answer($0) }
        let server = try await PlatformTestServer(
            egressAllowList: ["127.0.0.1:\(api.port)"], publicURL: "https://weft.example")
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let base = "/v1/orgs/\(org)"
            _ = try await client.call(.post, "\(base)/apps", token: ada.token, json: Self.manifest())
            _ = try await client.call(
                .post, "\(base)/connections", token: ada.token,
                json: [
                    "name": "crm", "app": "crm",
                    "values": [
                        "base_url": .string(api.baseURL), "client_id": "weft-client",
                        "client_secret": .string(Self.clientSecret),
                    ],
                ])
            func start() async throws -> [String: String] {
                let started = try await client.call(.post, "\(base)/connections/crm/oauth/start", token: ada.token)
                return Self.query(started.body?["authorize_url"]?.stringValue ?? "")
            }
            let denied = try await start()
            let refused = try await client.call(
                .get, "/v1/oauth/callback?error=access_denied&state=\(denied["state"] ?? "")")
            #expect(refused.status == .badRequest && refused.body?["error"]?["code"] == "sign_in_refused")
            let forged = try await client.call(.get, "/v1/oauth/callback?code=the-code&state=st_forged")
            #expect(forged.status == .badRequest && forged.body?["error"]?["code"] == "unknown_sign_in")
            let wrong = try await start()
            provider.challenge.withLock { $0 = wrong["code_challenge"] }
            let badCode = try await client.call(
                .get, "/v1/oauth/callback?code=stolen-code&state=\(wrong["state"] ?? "")")
            #expect(badCode.status == .badGateway && badCode.body?["error"]?["code"] == "sign_in_failed")
            #expect(!(badCode.body?.serialized().contains(Self.clientSecret) ?? true))
            let shown = try await client.call(.get, "\(base)/connections/crm", token: ada.token)
            #expect(shown.body?["connection"]?["values"]?["refresh_token"] == nil, "nothing was stored")

            _ = try await client.call(
                .post, "\(base)/apps", token: ada.token,
                json: [
                    "source": .string(
                        Self.manifest(authorize: false)["source"]!.stringValue!.replacingOccurrences(
                            of: "version: 1.0.0", with: "version: 1.0.1"))
                ])
            let noBrowser = try await client.call(.post, "\(base)/connections/crm/oauth/start", token: ada.token)
            #expect(
                noBrowser.status == .unprocessableContent && noBrowser.body?["error"]?["code"] == "no_browser_sign_in")
        }
        await api.stop()
    }
}
