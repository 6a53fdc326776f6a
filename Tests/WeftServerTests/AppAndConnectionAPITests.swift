import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftStore

/// App manifests and connections through the API: versions, validation, and secrets that never come back.
@Suite("Apps and connections API")
struct AppAndConnectionAPITests {
    static func manifest(version: String) -> JSON {
        [
            "source": .string(
                """
                weft: 1
                app: crm
                name: CRM
                version: \(version)
                connection:
                  fields:
                    base_url: { type: string }
                    api_key: { type: string, secret: true }
                    timeout: { type: integer, required: false, default: 30 }
                auth: { type: bearer, token: "{{ $connection.api_key }}" }
                base_url: "{{ $connection.base_url }}"
                actions:
                  find: { path: /contacts }

                """)
        ]
    }

    static let canary = "canary-9f3e-secret-value"

    @Test("apps keep every version; an existing version cannot change; an invalid manifest lists its errors")
    func apps() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let apps = "/v1/orgs/\(org)/apps"
            let first = try await client.call(.post, apps, token: ada.token, json: Self.manifest(version: "1.0.0"))
            #expect(first.status == .created && first.body?["app"]?["id"] == "crm")
            #expect(first.body?["app"]?["connection_fields"]?["api_key"]?["secret"] == true)
            let same = try await client.call(.post, apps, token: ada.token, json: Self.manifest(version: "1.0.0"))
            #expect(same.status == .conflict && same.body?["error"]?["code"] == "version_exists")
            #expect(
                try await client.call(.post, apps, token: ada.token, json: Self.manifest(version: "1.10.0")).status
                    == .created)
            #expect(
                try await client.call(.post, apps, token: ada.token, json: Self.manifest(version: "1.9.0")).status
                    == .created)
            let listed = try await client.call(.get, apps, token: ada.token)
            let crm = listed.body?["apps"]?.arrayValue?.first { $0["id"] == "crm" }
            #expect(crm?["version"] == "1.10.0" && crm?["built_in"] == false)
            let versions = try await client.call(.get, "\(apps)/crm/versions", token: ada.token)
            #expect(
                versions.body?["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } == [
                    "1.10.0", "1.9.0", "1.0.0",
                ])
            let old = try await client.call(.get, "\(apps)/crm?version=1.0.0", token: ada.token)
            #expect(old.body?["source"]?.stringValue?.contains("version: 1.0.0") == true)

            let broken = try await client.call(
                .post, apps, token: ada.token,
                json: ["source": "weft: 1\napp: crm\nname: CRM\nversion: one\nbase_url: x\n"])
            #expect(broken.status == .unprocessableContent && broken.body?["error"]?["code"] == "invalid_app")
            #expect(broken.body?["error"]?["details"]?.arrayValue?.contains { $0["line"] == 4 } == true)
            #expect(try await client.call(.delete, "\(apps)/crm", token: ada.token).status == .noContent)
            #expect(try await client.call(.get, "\(apps)/crm", token: ada.token).status == .notFound)
        }
    }

    @Test("a connection's secret is sealed, shown masked, kept across updates, and nowhere in clear")
    func secrets() async throws {
        let server = try await PlatformTestServer()
        let path = server.directory.appendingPathComponent("weft.sqlite").path
        let store = server.store
        let masterKey = server.masterKey
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/apps", token: ada.token, json: Self.manifest(version: "1.0.0"))
            let connections = "/v1/orgs/\(org)/connections"
            var responses: [JSON?] = []
            let created = try await client.call(
                .post, connections, token: ada.token,
                json: [
                    "name": "crm-prod", "app": "crm",
                    "values": ["base_url": "https://crm.example.com", "api_key": .string(Self.canary)],
                ])
            #expect(created.status == .created, "\(String(describing: created.body))")
            #expect(created.body?["connection"]?["values"]?["api_key"] == "••••")
            responses.append(created.body)
            let updated = try await client.call(
                .put, "\(connections)/crm-prod", token: ada.token,
                json: ["values": ["base_url": "https://crm2.example.com"]])
            #expect(updated.status == .ok)
            #expect(updated.body?["connection"]?["values"]?["base_url"] == "https://crm2.example.com")
            #expect(updated.body?["connection"]?["values"]?["api_key"] == "••••")
            responses.append(updated.body)
            responses.append(try await client.call(.get, connections, token: ada.token).body)
            responses.append(try await client.call(.get, "\(connections)/crm-prod", token: ada.token).body)
            responses.append(try await client.call(.get, "/v1/orgs/\(org)/audit", token: ada.token).body)
            for response in responses {
                #expect(!(response?.serialized().contains(Self.canary) ?? false), "an API response shows the secret")
            }

            // The secret is still there, sealed: the store opens it with the tenant's key for the right row.
            let stored = try #require(try await store.tenant(StoreID(org)).connection(name: "crm-prod"))
            let sealer = SecretSealer(keyring: TenantKeyring(store: store, masterKey: masterKey))
            let opened = try await sealer.openJSON(
                stored.sealedSecrets, tenant: StoreID(org), row: SecretSealer.row(kind: "connection", id: stored.id))
            #expect(opened["api_key"]?.stringValue == Self.canary)
        }
        // ...and never in clear in the database files.
        for suffix in ["", "-wal", "-shm"] {
            if let bytes = FileManager.default.contents(atPath: path + suffix) {
                #expect(!Data(bytes).contains(Data(Self.canary.utf8)), "weft.sqlite\(suffix) holds the secret in clear")
            }
        }
    }

    @Test("connection values are checked against the app's fields; other organizations and Viewers cannot touch them")
    func validationAndAccess() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let vic = try await client.signUp("vic@example.com")
            let eve = try await client.signUp("eve@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.createOrganization("Evil", token: eve.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/members", token: ada.token, json: ["email": "vic@example.com"])
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/apps", token: ada.token, json: Self.manifest(version: "1.0.0"))
            let connections = "/v1/orgs/\(org)/connections"
            func create(_ values: JSON) async throws -> (HTTPResponse.Status, String?) {
                let answer = try await client.call(
                    .post, connections, token: ada.token, json: ["name": "c", "app": "crm", "values": values])
                return (answer.status, answer.body?["error"]?["code"]?.stringValue)
            }
            #expect(
                try await create(["base_url": "x", "api_key": "k", "colour": "red"]) == (
                    .unprocessableContent, "unknown_field"
                ))
            #expect(try await create(["base_url": "x", "api_key": 42]) == (.unprocessableContent, "wrong_type"))
            #expect(
                try await create(["base_url": "x", "api_key": "k", "timeout": 1.5]) == (
                    .unprocessableContent, "wrong_type"
                ))
            #expect(try await create(["base_url": "x"]) == (.unprocessableContent, "missing_field"))
            let noApp = try await client.call(
                .post, connections, token: ada.token, json: ["name": "c", "app": "nope", "values": [:]])
            #expect(noApp.status == .notFound)
            #expect(try await create(["base_url": "x", "api_key": "k"]).0 == .created)
            #expect(try await create(["base_url": "x", "api_key": "k"]) == (.conflict, "connection_exists"))

            #expect(try await client.call(.get, "\(connections)/c", token: vic.token).status == .ok)
            #expect(try await client.call(.delete, "\(connections)/c", token: vic.token).status == .forbidden)
            #expect(try await client.call(.get, "\(connections)/c", token: eve.token).status == .notFound)
            #expect(
                try await client.call(.put, "\(connections)/c", token: eve.token, json: ["values": [:]]).status
                    == .notFound)
            #expect(try await client.call(.delete, "\(connections)/c", token: ada.token).status == .noContent)
        }
    }
}
