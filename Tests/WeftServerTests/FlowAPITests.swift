import Foundation
import Hummingbird
import Testing
import WeftJSON

/// Flows through the API: create, validate with located diagnostics, immutable versions, diffs, enabling, and
/// who may do what.
@Suite("Flows API")
struct FlowAPITests {
    static func flow(_ description: String) -> JSON {
        [
            "source": .string(
                """
                weft: 1
                flow: orders
                description: \(description)
                steps:
                  - id: shape
                    map: '{ "id": id }'

                """)
        ]
    }

    @Test("flows are listed by name a page at a time, every flow exactly once")
    func pages() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let names = (0..<7).map { "flow-\($0)" }
            for name in names.reversed() {
                let source = "weft: 1\nflow: \(name)\nsteps:\n  - { id: a, map: $ }\n"
                _ = try await client.call(
                    .post, "/v1/orgs/\(org)/flows", token: ada.token, json: ["source": .string(source)])
            }
            var seen: [String] = []
            var after: String?
            repeat {
                let page = try await client.call(
                    .get, "/v1/orgs/\(org)/flows?limit=3" + (after.map { "&after=\($0)" } ?? ""), token: ada.token)
                seen += page.body?["flows"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
                after = page.body?["next"]?.stringValue
            } while after != nil && seen.count < 20
            #expect(seen == names)
            let all = try await client.call(.get, "/v1/orgs/\(org)/flows", token: ada.token)
            #expect(all.body?["flows"]?.arrayValue?.count == 7 && all.body?["next"] == nil)
            #expect(
                try await client.call(.get, "/v1/orgs/\(org)/flows?limit=0", token: ada.token).status == .badRequest)
        }
    }

    @Test("create, read, save new versions, list them, diff them")
    func versions() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let flows = "/v1/orgs/\(org)/flows"
            let created = try await client.call(.post, flows, token: ada.token, json: Self.flow("first"))
            #expect(created.status == .created, "\(String(describing: created.body))")
            #expect(created.body?["flow"]?["name"] == "orders" && created.body?["flow"]?["latest_version"] == 1)
            let again = try await client.call(.post, flows, token: ada.token, json: Self.flow("first"))
            #expect(again.status == .conflict && again.body?["error"]?["code"] == "flow_exists")

            let updated = try await client.call(.put, "\(flows)/orders", token: ada.token, json: Self.flow("second"))
            #expect(updated.status == .ok && updated.body?["flow"]?["latest_version"] == 2)
            let shown = try await client.call(.get, "\(flows)/orders", token: ada.token)
            #expect(shown.body?["source"]?.stringValue?.contains("description: second") == true)
            let first = try await client.call(.get, "\(flows)/orders/versions/1", token: ada.token)
            #expect(first.body?["source"]?.stringValue?.contains("description: first") == true)
            let list = try await client.call(.get, "\(flows)/orders/versions", token: ada.token)
            #expect(list.body?["versions"]?.arrayValue?.count == 2)
            let diff = try await client.call(.get, "\(flows)/orders/diff?from=1&to=2", token: ada.token)
            #expect(diff.body?["diff"]?.stringValue?.contains("-description: first\n+description: second") == true)
            #expect(try await client.call(.get, "\(flows)/orders/versions/3", token: ada.token).status == .notFound)
            #expect(try await client.call(.get, "\(flows)", token: ada.token).body?["flows"]?.arrayValue?.count == 1)
        }
    }

    @Test("an invalid flow is refused with every diagnostic at its line and column, and nothing is saved")
    func invalidFlow() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let source =
                "weft: 1\nflow: orders\nsteps:\n  - id: a\n    map: '{ \"x\": 1 + }'\n  - id: b\n    fliter: x\n"
            let refused = try await client.call(
                .post, "/v1/orgs/\(org)/flows", token: ada.token, json: ["source": .string(source)])
            #expect(refused.status == .unprocessableContent && refused.body?["error"]?["code"] == "invalid_flow")
            let details = refused.body?["error"]?["details"]?.arrayValue ?? []
            #expect(details.count >= 2)
            #expect(details.contains { $0["line"] == 7 && $0["column"] == 5 })
            #expect(try await client.call(.get, "/v1/orgs/\(org)/flows", token: ada.token).body?["flows"] == [])
            let validated = try await client.call(
                .post, "/v1/orgs/\(org)/flows/validate", token: ada.token, json: ["source": .string(source)])
            #expect(validated.status == .ok && validated.body?["valid"] == false)
            let renamed = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: Self.flow("x"))
            #expect(renamed.status == .created)
            var other = Self.flow("x")
            if case .string(let text)? = other["source"] {
                other = ["source": .string(text.replacingOccurrences(of: "flow: orders", with: "flow: invoices"))]
            }
            let mismatch = try await client.call(.put, "/v1/orgs/\(org)/flows/orders", token: ada.token, json: other)
            #expect(mismatch.status == .unprocessableContent && mismatch.body?["error"]?["code"] == "flow_renamed")
        }
    }

    @Test("a Viewer reads flows but cannot change them; other organizations see nothing; changes are audited")
    func access() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let vic = try await client.signUp("vic@example.com")
            let eve = try await client.signUp("eve@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.createOrganization("Evil", token: eve.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/members", token: ada.token, json: ["email": "vic@example.com"])
            _ = try await client.call(.post, "/v1/orgs/\(org)/flows", token: ada.token, json: Self.flow("x"))
            let flows = "/v1/orgs/\(org)/flows"
            #expect(try await client.call(.get, "\(flows)/orders", token: vic.token).status == .ok)
            #expect(
                try await client.call(.put, "\(flows)/orders", token: vic.token, json: Self.flow("y")).status
                    == .forbidden)
            #expect(try await client.call(.post, "\(flows)/orders/disable", token: vic.token).status == .forbidden)
            #expect(try await client.call(.delete, "\(flows)/orders", token: vic.token).status == .forbidden)
            #expect(try await client.call(.get, "\(flows)/orders", token: eve.token).status == .notFound)
            #expect(
                try await client.call(.put, "\(flows)/orders", token: eve.token, json: Self.flow("z")).status
                    == .notFound)

            let disabled = try await client.call(.post, "\(flows)/orders/disable", token: ada.token)
            #expect(disabled.body?["flow"]?["enabled"] == false)
            #expect(try await client.call(.delete, "\(flows)/orders", token: ada.token).status == .noContent)
            let audit = try await client.call(.get, "/v1/orgs/\(org)/audit", token: ada.token)
            let actions = audit.body?["entries"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
            #expect(Array(actions.prefix(3)) == ["flow.deleted", "flow.disabled", "flow.created"])
        }
    }
}
