import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftTestSupport

/// Trying one action by hand through the API: the real request goes out (behind the egress guard) with the
/// connection's credentials, and the answer shows request, response, timing and schema checks, secrets masked.
@Suite("Action test API")
struct ActionTestAPITests {
    static let canary = "canary-action-token-77"

    static func setUp(_ client: PlatformTestServer.Client, baseURL: String) async throws -> (token: String, org: String)
    {
        let ada = try await client.signUp("ada@example.com")
        let org = try await client.createOrganization("Acme", token: ada.token)
        let manifest = """
            weft: 1
            app: crm
            name: CRM
            version: 1.0.0
            connection: { fields: { base_url: { type: string }, token: { type: string, secret: true } } }
            auth: { type: bearer, token: "{{ $connection.token }}" }
            base_url: "{{ $connection.base_url }}"
            actions:
              find:
                path: /contacts
                query: { email: "{{ email }}" }
                records: items
                output: { type: object, required: [id] }

            """
        _ = try await client.call(.post, "/v1/orgs/\(org)/apps", token: ada.token, json: ["source": .string(manifest)])
        _ = try await client.call(
            .post, "/v1/orgs/\(org)/connections", token: ada.token,
            json: [
                "name": "crm-prod", "app": "crm", "values": ["base_url": .string(baseURL), "token": .string(canary)],
            ])
        return (ada.token, org)
    }

    @Test("an allowed endpoint is called with the connection's credentials; the answer masks them")
    func callsTheAction() async throws {
        let api = try await TestHTTPServer.start { request in
            request.header("Authorization") == "Bearer \(Self.canary)"
                ? .json(#"{"items":[{"id":7,"email":"a@b.co"}]}"#) : .json("{}", status: 401)
        }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(api.port)"])
        try await server.test { client in
            let (token, org) = try await Self.setUp(client, baseURL: api.baseURL)
            let (status, trial) = try await client.call(
                .post, "/v1/orgs/\(org)/apps/crm/actions/find/test", token: token,
                json: ["connection": "crm-prod", "input": ["email": "a@b.co"]])
            #expect(status == .ok)
            #expect(trial?["succeeded"] == true && trial?["schema_valid"] == true, "\(String(describing: trial))")
            #expect(trial?["output"] == [["id": 7, "email": "a@b.co"]])
            #expect(trial?["exchanges"]?[0]?["response"]?["status"] == 200)
            #expect(
                trial?["exchanges"]?[0]?["request"]?["url"]?.stringValue?.hasSuffix("/contacts?email=a%40b.co") == true)
            #expect(!(trial?.serialized().contains(Self.canary) ?? true), "the answer shows the secret")
        }
        #expect(api.requests.count == 1)
        await api.stop()
    }

    @Test("without an allow-list entry, a request to an internal address is refused before it is sent")
    func egressGuard() async throws {
        let api = try await TestHTTPServer.start { _ in .json("{}") }
        try await PlatformTestServer().test { client in
            let (token, org) = try await Self.setUp(client, baseURL: api.baseURL)
            let (status, trial) = try await client.call(
                .post, "/v1/orgs/\(org)/apps/crm/actions/find/test", token: token,
                json: ["connection": "crm-prod", "input": ["email": "a@b.co"]])
            #expect(status == .ok)
            #expect(trial?["succeeded"] == false)
            #expect(
                trial?["error"]?["message"]?.stringValue?.contains("internal networks") == true,
                "\(String(describing: trial))")
            #expect(trial?["error"]?["message"]?.stringValue?.contains("127.0.0.1") == true)  // the host, as written
        }
        #expect(api.requests.isEmpty, "the internal server was contacted")
        await api.stop()
    }
}
