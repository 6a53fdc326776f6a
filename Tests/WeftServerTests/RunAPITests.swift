import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftStore
import WeftTestSupport

/// Running flows by hand through the API: records with steps and logs, secrets masked everywhere, filters and
/// pages, and what a server run may not do.
@Suite("Runs API")
struct RunAPITests {
    static let canary = "canary-run-secret-31"

    static let app = """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        connection: { fields: { base_url: { type: string }, token: { type: string, secret: true } } }
        auth: { type: bearer, token: "{{ $connection.token }}" }
        base_url: "{{ $connection.base_url }}"
        actions:
          whoami: { path: /whoami }

        """

    static func flow(_ steps: String) -> JSON {
        ["source": .string("weft: 1\nflow: sync\nconnections: { crm: crm }\nsteps:\n" + steps + "\n")]
    }

    @Test("a run calls out with the connection, is stored with its steps, and never shows the secret")
    func runAndRecord() async throws {
        // The API echoes the credential it got, as careless APIs do: the record must mask it anyway.
        let api = try await TestHTTPServer.start { request in
            .json(#"{"user":"ada","seen":"\#(request.header("Authorization") ?? "")"}"#)
        }
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(api.port)"])
        try await server.test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/apps", token: ada.token, json: ["source": .string(Self.app)])
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/connections", token: ada.token,
                json: [
                    "name": "crm", "app": "crm",
                    "values": ["base_url": .string(api.baseURL), "token": .string(Self.canary)],
                ])
            let created = try await client.call(
                .post, "/v1/orgs/\(org)/flows", token: ada.token,
                json: Self.flow(
                    """
                      - id: me
                        action: crm/whoami
                        connection: crm
                      - id: shape
                        map: '{ "name": $steps.me.user, "order": $trigger.body.order }'
                    """))
            #expect(created.status == .created, "\(String(describing: created.body))")
            let run = try await client.call(
                .post, "/v1/orgs/\(org)/flows/sync/runs", token: ada.token, json: ["input": ["order": 42]])
            #expect(run.status == .created)
            #expect(run.body?["run"]?["state"] == "succeeded", "\(String(describing: run.body))")
            #expect(run.body?["record"]?["output"] == ["name": "ada", "order": 42])
            let id = try #require(run.body?["run"]?["id"]?.stringValue)
            let shown = try await client.call(.get, "/v1/orgs/\(org)/runs/\(id)", token: ada.token)
            let steps = shown.body?["record"]?["steps"]?.arrayValue ?? []
            #expect(steps.compactMap { $0["step"]?.stringValue } == ["me", "shape"])
            #expect(steps.first?["output"]?["seen"]?.stringValue?.contains("Bearer") == true)
            for body in [run.body, shown.body] {
                #expect(!(body?.serialized().contains(Self.canary) ?? true), "the run shows the secret")
            }
            let stored = try #require(try await server.store.tenant(StoreID(org)).run(id: StoreID(id)))
            #expect(!stored.record.serialized().contains(Self.canary), "the stored record holds the secret")
        }
        #expect(api.requests.first?.header("Authorization") == "Bearer \(Self.canary)")
        await api.stop()
    }

    @Test("failed, filtered and dry runs are recorded; runs are listed with filters and pages")
    func statesAndListing() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let source: JSON = [
                "source": """
                weft: 1
                flow: check
                steps:
                  - id: keep
                    filter: ok = true
                  - id: boom
                    map: '$number(value) + 1'

                """
            ]
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: source)
            let runs = "/v1/orgs/\(org)/flows/check/runs"
            let filtered = try await client.call(.post, runs, token: ada.token, json: ["input": ["ok": false]])
            #expect(filtered.body?["run"]?["state"] == "filtered")
            let failed = try await client.call(
                .post, runs, token: ada.token, json: ["input": ["ok": true, "value": "x"]])
            #expect(failed.body?["run"]?["state"] == "failed")
            #expect(failed.body?["run"]?["failed_step"] == "boom")
            let succeeded = try await client.call(
                .post, runs, token: ada.token, json: ["input": ["ok": true, "value": "1"]])
            #expect(succeeded.body?["run"]?["state"] == "succeeded")

            let all = try await client.call(.get, "/v1/orgs/\(org)/runs", token: ada.token)
            #expect(all.body?["runs"]?.arrayValue?.count == 3)
            let onlyFailed = try await client.call(.get, "/v1/orgs/\(org)/runs?state=failed", token: ada.token)
            #expect(onlyFailed.body?["runs"]?.arrayValue?.map { $0["state"] } == ["failed"])
            let first = try await client.call(.get, "/v1/orgs/\(org)/runs?limit=2", token: ada.token)
            let next = try #require(first.body?["next"]?.stringValue)
            let second = try await client.call(.get, "/v1/orgs/\(org)/runs?limit=2&after=\(next)", token: ada.token)
            let ids = (first.body?["runs"]?.arrayValue ?? []) + (second.body?["runs"]?.arrayValue ?? [])
            #expect(Set(ids.compactMap { $0["id"]?.stringValue }).count == 3)
            #expect(
                try await client.call(.get, "/v1/orgs/\(org)/runs?state=exploded", token: ada.token).status
                    == .badRequest)
            #expect(try await client.call(.get, "/v1/orgs/\(org)/runs?flow=nope", token: ada.token).status == .notFound)

            _ = try await client.call(.post, "/v1/orgs/\(org)/flows/check/disable", token: ada.token)
            let disabled = try await client.call(.post, runs, token: ada.token, json: ["input": [:]])
            #expect(disabled.status == .conflict && disabled.body?["error"]?["code"] == "flow_disabled")
        }
    }

    @Test("a file output step cannot write on the server's disk")
    func noFilesOnTheServer() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let source: JSON = [
                "source":
                    "weft: 1\nflow: out\nsteps:\n  - id: save\n    file: { path: /tmp/weft-should-not-exist.json }\n"
            ]
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: source)
            let run = try await client.call(
                .post, "/v1/orgs/\(org)/flows/out/runs", token: ada.token, json: ["input": ["a": 1]])
            #expect(run.body?["run"]?["state"] == "failed")
            #expect(run.body?["record"]?["error"]?.stringValue?.contains("not available on the server") == true)
            #expect(!FileManager.default.fileExists(atPath: "/tmp/weft-should-not-exist.json"))
        }
    }
}
