import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftServer
import WeftStore
import WeftStoreSQLite

/// Every organization endpoint, from the route registry itself (so a new endpoint is covered without touching
/// this test): called with one tenant's credentials on another tenant's objects it answers 404 and changes
/// nothing; called by each role it answers 403 below the endpoint's role and never 403 or 404 from it upwards.
@Suite("Access matrix")
struct AccessMatrixTests {
    static let endpoints = buildRouter(
        configuration: ServerConfiguration(), store: SQLiteStore.inMemory(), masterKey: MasterKey.generate(),
        outbound: OutboundHTTP(allowedHosts: [])
    ).endpoints.endpoints.filter { $0.role != nil }

    static let app: JSON = [
        "source": """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        connection: { fields: { base_url: { type: string }, key: { type: string, secret: true } } }
        base_url: "{{ $connection.base_url }}"
        actions:
          find: { path: /find }

        """
    ]
    static let flow: JSON = ["source": "weft: 1\nflow: orders\nsteps:\n  - id: a\n    map: $\n"]

    /// An organization with one of everything, owned by `owner`; returns what the paths need.
    static func populate(_ client: PlatformTestServer.Client, owner: String, name: String) async throws -> [String:
        String]
    {
        let org = try await client.createOrganization(name, token: owner)
        _ = try await client.call(.post, "/v1/orgs/\(org)/apps", token: owner, json: app)
        _ = try await client.call(
            .post, "/v1/orgs/\(org)/connections", token: owner,
            json: ["name": "c", "app": "crm", "values": ["base_url": "https://x.example", "key": "k"]])
        _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: owner, json: flow)
        _ = try await client.call(.put, "/v1/orgs/\(org)/flows/orders", token: owner, json: flow)
        let key = try await client.call(.post, "/v1/orgs/\(org)/api-keys", token: owner, json: ["name": "ci"])
        let run = try await client.call(.post, "/v1/orgs/\(org)/flows/orders/runs", token: owner, json: ["input": [:]])
        let invitation = try await client.call(
            .post, "/v1/orgs/\(org)/invitations", token: owner, json: ["email": .string("guest-\(org)@example.com")])
        return [
            "run": run.body?["run"]?["id"]?.stringValue ?? "",
            "org": org, "flow": "orders", "app": "crm", "name": "c", "version": "1", "action": "find",
            "key": key.body?["api_key"]?["id"]?.stringValue ?? "",
            "invitation": invitation.body?["invitation"]?["id"]?.stringValue ?? "",
        ]
    }

    static func uri(_ endpoint: Endpoint, _ values: [String: String]) -> String {
        "/"
            + endpoint.path.split(separator: "/").map { segment in
                segment.hasPrefix(":") ? values[String(segment.dropFirst()), default: "x"] : String(segment)
            }.joined(separator: "/") + (endpoint.path.hasSuffix("/diff") ? "?from=1&to=2" : "")
    }

    /// What an owner sees of an organization: used to prove nothing changed.
    static func snapshot(_ client: PlatformTestServer.Client, _ org: String, token: String) async throws -> [JSON?] {
        var views: [JSON?] = []
        for path in ["", "/members", "/api-keys", "/audit", "/flows", "/flows/orders", "/apps", "/connections"] {
            views.append(try await client.call(.get, "/v1/orgs/\(org)\(path)", token: token).body)
        }
        return views
    }

    @Test("another tenant's objects answer 404 to every endpoint and change nothing")
    func isolation() async throws {
        #expect(Self.endpoints.count >= 30, "the registry lists the organization endpoints")
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let eve = try await client.signUp("eve@example.com")
            let mine = try await Self.populate(client, owner: ada.token, name: "Acme")
            var theirs = try await Self.populate(client, owner: eve.token, name: "Evil")
            theirs["user"] = eve.userID
            let keyCall = try await client.call(
                .post, "/v1/orgs/\(mine["org"]!)/api-keys", token: ada.token, json: ["name": "all", "role": "owner"])
            let myKey = try #require(keyCall.body?["secret"]?.stringValue)
            let before = try await Self.snapshot(client, theirs["org"]!, token: eve.token)
            for endpoint in Self.endpoints {
                for token in [ada.token, myKey] {
                    let body: JSON? = endpoint.bodyFields == nil ? nil : [:]
                    let (status, answer) = try await client.call(
                        endpoint.method, Self.uri(endpoint, theirs), token: token, json: body)
                    #expect(
                        status == .notFound, "\(endpoint.method) \(endpoint.path) on another tenant answered \(status)")
                    #expect(answer?["error"]?["code"] == "not_found")
                }
            }
            let after = try await Self.snapshot(client, theirs["org"]!, token: eve.token)
            #expect(before.map { $0?.serialized() } == after.map { $0?.serialized() })
        }
    }

    @Test("each role gets exactly what it allows on every endpoint")
    func roles() async throws {
        try await PlatformTestServer().test { client in
            let owner = try await client.signUp("owner@example.com")
            var values = try await Self.populate(client, owner: owner.token, name: "Acme")
            let org = values["org"]!
            var tokens: [Role: String] = [.owner: owner.token]
            for role in [Role.viewer, .builder, .admin] {
                let member = try await client.signUp("\(role.rawValue)@example.com")
                _ = try await client.call(
                    .post, "/v1/orgs/\(org)/members", token: owner.token,
                    json: ["email": .string("\(role.rawValue)@example.com"), "role": .string(role.rawValue)])
                tokens[role] = member.token
            }
            let spare = try await client.signUp("spare@example.com")
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/members", token: owner.token, json: ["email": "spare@example.com"])
            values["user"] = spare.userID

            // Refusals first (they change nothing), then the allowed calls, deletions last.
            let ordered = Self.endpoints.sorted { Self.rank($0) < Self.rank($1) }
            for endpoint in ordered {
                let required = endpoint.role!
                let body: JSON? = endpoint.bodyFields == nil ? nil : [:]
                for role in Role.allCases where !role.includes(required) {
                    let (status, _) = try await client.call(
                        endpoint.method, Self.uri(endpoint, values), token: tokens[role], json: body)
                    #expect(status == .forbidden, "\(role) on \(endpoint.method) \(endpoint.path): \(status)")
                }
            }
            for endpoint in ordered {
                let body: JSON? = endpoint.bodyFields == nil ? nil : [:]
                let (status, answer) = try await client.call(
                    endpoint.method, Self.uri(endpoint, values), token: tokens[endpoint.role!], json: body)
                #expect(
                    status != .forbidden && status != .notFound && status != .unauthorized,
                    "\(endpoint.role!) on \(endpoint.method) \(endpoint.path): \(status) \(String(describing: answer))")
            }
        }
    }

    /// Reads and writes before deletions; deeper objects deleted before what holds them (an app's action before the
    /// app); the organization's own deletion last.
    static func rank(_ endpoint: Endpoint) -> Int {
        if endpoint.method == .delete {
            return endpoint.path == "/v1/orgs/:org" ? 100 : 50 - endpoint.path.split(separator: "/").count
        }
        return endpoint.method == .get ? 0 : 1
    }
}
