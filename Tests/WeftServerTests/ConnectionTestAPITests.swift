import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftTestSupport

/// Checking a stored connection: the app's `connection.test` action is called with it, and the answer says
/// whether the credentials work, secrets masked.
@Suite("Connection test API")
struct ConnectionTestAPITests {
    static let canary = "canary-connection-test-58"

    static func manifest(test: String) -> JSON {
        [
            "source": .string(
                """
                weft: 1
                app: crm
                name: CRM
                version: 1.0.0
                connection:
                  fields: { base_url: { type: string }, token: { type: string, secret: true } }
                \(test)
                auth: { type: bearer, token: "{{ $connection.token }}" }
                base_url: "{{ $connection.base_url }}"
                actions:
                  whoami: { path: /me, output: { type: object, required: [user] } }

                """)
        ]
    }

    @Test("good credentials pass, wrong ones fail with the API's answer, and the secret never shows")
    func testsTheConnection() async throws {
        let api = try await TestHTTPServer.start { request in
            request.header("Authorization") == "Bearer \(Self.canary)"
                ? .json(#"{"user":"ada"}"#) : .json(#"{"error":"invalid token"}"#, status: 401)
        }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(api.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let base = "/v1/orgs/\(org)"
            let stored = try await client.call(
                .post, "\(base)/apps", token: ada.token,
                json: Self.manifest(test: "  test: { action: whoami, input: { verbose: false } }"))
            #expect(stored.status == .created, "\(String(describing: stored.body))")
            for (name, token) in [("good", Self.canary), ("bad", "wrong-token")] {
                _ = try await client.call(
                    .post, "\(base)/connections", token: ada.token,
                    json: [
                        "name": .string(name), "app": "crm",
                        "values": ["base_url": .string(api.baseURL), "token": .string(token)],
                    ])
            }
            let good = try await client.call(.post, "\(base)/connections/good/test", token: ada.token)
            #expect(good.status == .ok && good.body?["succeeded"] == true, "\(String(describing: good.body))")
            #expect(good.body?["action"] == "whoami" && good.body?["output"] == ["user": "ada"])
            #expect(!(good.body?.serialized().contains(Self.canary) ?? true), "the answer shows the secret")
            let bad = try await client.call(.post, "\(base)/connections/bad/test", token: ada.token)
            #expect(bad.status == .ok && bad.body?["succeeded"] == false)
            #expect(bad.body?["exchanges"]?[0]?["response"]?["status"] == 401)
            let missing = try await client.call(.post, "\(base)/connections/nope/test", token: ada.token)
            #expect(missing.status == .notFound)
            let audit = try await client.call(.get, "\(base)/audit", token: ada.token)
            let tested = audit.body?["entries"]?.arrayValue?.filter { $0["action"] == "connection.tested" } ?? []
            #expect(tested.count == 2)
        }
        #expect(api.requests.count == 2)
        await api.stop()
    }

    @Test("an app without a connection test says how to check instead; a test naming no action is invalid")
    func withoutATest() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let base = "/v1/orgs/\(org)"
            let invalid = try await client.call(
                .post, "\(base)/apps", token: ada.token, json: Self.manifest(test: "  test: { action: whoarewe }"))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.body?.serialized().contains("whoarewe") == true)
            _ = try await client.call(.post, "\(base)/apps", token: ada.token, json: Self.manifest(test: ""))
            _ = try await client.call(
                .post, "\(base)/connections", token: ada.token,
                json: ["name": "c", "app": "crm", "values": ["base_url": "https://crm.example", "token": "t"]])
            let answer = try await client.call(.post, "\(base)/connections/c/test", token: ada.token)
            #expect(answer.status == .unprocessableContent && answer.body?["error"]?["code"] == "no_connection_test")
        }
    }
}
