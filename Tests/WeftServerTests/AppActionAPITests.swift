import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftTestSupport

/// Actions as a sub-resource of apps: each change stores the app's next version, and flows keep the app version
/// they were saved with.
@Suite("App actions API")
struct AppActionAPITests {
    static let app = """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        connection: { fields: { base_url: { type: string } } }
        base_url: "{{ $connection.base_url }}"
        actions:
          find: { path: /v1/contacts, description: "Contacts, first page." }

        """

    @Test("adding, editing and deleting one action stores the next version; old versions stay readable")
    func editActions() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let apps = "/v1/orgs/\(org)/apps"
            _ = try await client.call(.post, apps, token: ada.token, json: ["source": .string(Self.app)])

            let added = try await client.call(
                .put, "\(apps)/crm/actions/create", token: ada.token,
                json: ["definition": ["method": "POST", "path": "/v1/contacts", "body": "$"]])
            #expect(added.status == .created, "\(String(describing: added.body))")
            #expect(added.body?["app"]?["version"] == "1.0.1")
            let listed = try await client.call(.get, "\(apps)/crm/actions", token: ada.token)
            #expect(listed.body?["actions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["find", "create"])

            let edited = try await client.call(
                .put, "\(apps)/crm/actions/find", token: ada.token,
                json: [
                    "definition": ["path": "/v2/contacts", "description": "Contacts: one page."], "version": "1.1.0",
                ])
            #expect(edited.status == .ok && edited.body?["app"]?["version"] == "1.1.0")
            let shown = try await client.call(.get, "\(apps)/crm/actions/find", token: ada.token)
            #expect(shown.body?["definition"] == ["path": "/v2/contacts", "description": "Contacts: one page."])
            let original = try await client.call(.get, "\(apps)/crm/actions/find?version=1.0.0", token: ada.token)
            #expect(original.body?["definition"]?["path"] == "/v1/contacts")

            let deleted = try await client.call(.delete, "\(apps)/crm/actions/create", token: ada.token)
            #expect(deleted.status == .ok && deleted.body?["app"]?["version"] == "1.1.1")
            #expect(
                try await client.call(.get, "\(apps)/crm/actions/create", token: ada.token).status == .notFound)
            #expect(
                try await client.call(.get, "\(apps)/crm/actions/create?version=1.0.1", token: ada.token).status
                    == .ok)
            let source = try await client.call(.get, "\(apps)/crm", token: ada.token).body?["source"]?.stringValue
            #expect(source?.contains("version: \"1.1.1\"") == true, "\(source ?? "")")
            let versions = try await client.call(.get, "\(apps)/crm/versions", token: ada.token)
            #expect(
                versions.body?["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue } == [
                    "1.1.1", "1.1.0", "1.0.1", "1.0.0",
                ])
            let audit = try await client.call(.get, "/v1/orgs/\(org)/audit", token: ada.token)
            let actions = audit.body?["entries"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
            #expect(actions.contains("app.action_added") && actions.contains("app.action_deleted"), "\(actions)")
        }
    }

    @Test("an edit that breaks the manifest, an older version or a bad name is refused and stores nothing")
    func refusedEdits() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let apps = "/v1/orgs/\(org)/apps"
            _ = try await client.call(.post, apps, token: ada.token, json: ["source": .string(Self.app)])
            let invalid = try await client.call(
                .put, "\(apps)/crm/actions/find", token: ada.token,
                json: ["definition": ["method": "FETCH", "path": "/x"]])
            #expect(invalid.status == .unprocessableContent && invalid.body?["error"]?["code"] == "invalid_app")
            #expect(
                invalid.body?["error"]?["details"]?.arrayValue?.first?["message"]?.stringValue?.contains("FETCH")
                    == true, "\(String(describing: invalid.body))")
            let older = try await client.call(
                .put, "\(apps)/crm/actions/find", token: ada.token,
                json: ["definition": ["path": "/x"], "version": "0.9.0"])
            #expect(older.status == .unprocessableContent && older.body?["error"]?["code"] == "version_not_newer")
            let notObject = try await client.call(
                .put, "\(apps)/crm/actions/find", token: ada.token, json: ["definition": "GET /x"])
            #expect(notObject.status == .badRequest)
            let badName = try await client.call(
                .put, "\(apps)/crm/actions/Bad-Name", token: ada.token, json: ["definition": ["path": "/x"]])
            #expect(badName.status == .badRequest)
            #expect(
                try await client.call(.delete, "\(apps)/crm/actions/missing", token: ada.token).status == .notFound)
            let versions = try await client.call(.get, "\(apps)/crm/versions", token: ada.token)
            #expect(versions.body?["versions"]?.arrayValue?.count == 1)
        }
    }

    @Test("a flow version runs with the app version it was saved with, until the flow is saved again")
    func flowsPinAppVersions() async throws {
        let api = try await TestHTTPServer.start { request in .json(#"{"path":"\#(request.path)"}"#) }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(api.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let base = "/v1/orgs/\(org)"
            _ = try await client.call(.post, "\(base)/apps", token: ada.token, json: ["source": .string(Self.app)])
            _ = try await client.call(
                .post, "\(base)/connections", token: ada.token,
                json: ["name": "crm", "app": "crm", "values": ["base_url": .string(api.baseURL)]])
            let flow: JSON = [
                "source": "weft: 1\nflow: sync\nconnections: { crm: crm }\nsteps:\n  - { id: find, action: crm/find }\n"
            ]
            #expect(try await client.call(.post, "\(base)/flows", token: ada.token, json: flow).status == .created)
            let pinned = try await client.call(.get, "\(base)/flows/sync/versions/1", token: ada.token)
            #expect(pinned.body?["app_versions"] == ["crm": "1.0.0"])

            _ = try await client.call(
                .put, "\(base)/apps/crm/actions/find", token: ada.token, json: ["definition": ["path": "/v2/contacts"]])
            let first = try await client.call(.post, "\(base)/flows/sync/runs", token: ada.token, json: ["input": [:]])
            #expect(first.body?["record"]?["output"] == ["path": "/v1/contacts"], "\(String(describing: first.body))")

            #expect(try await client.call(.put, "\(base)/flows/sync", token: ada.token, json: flow).status == .ok)
            let repinned = try await client.call(.get, "\(base)/flows/sync/versions/2", token: ada.token)
            #expect(repinned.body?["app_versions"] == ["crm": "1.0.1"])
            let second = try await client.call(.post, "\(base)/flows/sync/runs", token: ada.token, json: ["input": [:]])
            #expect(second.body?["record"]?["output"] == ["path": "/v2/contacts"])
            let again = try await client.call(
                .post, "\(base)/flows/sync/runs", token: ada.token, json: ["input": [:], "version": 1])
            #expect(again.body?["record"]?["output"] == ["path": "/v1/contacts"], "\(String(describing: again.body))")

            #expect(try await client.call(.delete, "\(base)/apps/crm", token: ada.token).status == .noContent)
            let gone = try await client.call(.post, "\(base)/flows/sync/runs", token: ada.token, json: ["input": [:]])
            #expect(gone.status == .conflict && gone.body?["error"]?["code"] == "pinned_app_missing")
        }
        await api.stop()
    }
}
