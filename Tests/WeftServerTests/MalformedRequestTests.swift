import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftServer

/// Every endpoint that reads a body, sent what a careless or hostile client sends: each answer is a 4xx in the
/// API's error shape that says what is wrong, nothing is stored, and the server keeps answering.
@Suite("Malformed requests")
struct MalformedRequestTests {
    static let endpoints = AccessMatrixTests.endpoints.filter { $0.bodyFields != nil }

    /// Bodies that must be refused whatever the endpoint, by name.
    static func hostileBodies(maximumBodySize: Int, fields: [String]) -> [(String, [UInt8])] {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        var bodies: [(String, [UInt8])] = [
            ("not JSON", Array("{this is not json".utf8)),
            ("truncated", Array(#"{"name": "a"#.utf8)),
            ("an array", Array("[1, 2, 3]".utf8)),
            ("a string", Array(#""text""#.utf8)),
            ("invalid UTF-8", [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]),
            ("deeply nested", Array(#"{"a": \#(deep)}"#.utf8)),
            (
                "too large",
                Array(#"{"name": ""#.utf8) + [UInt8](repeating: 0x61, count: maximumBodySize) + [0x22, 0x7D]
            ),
            ("unknown field", Array(#"{"surprise": 1}"#.utf8)),
            ("duplicate key", Array(#"{"a": 1, "a": 2}"#.utf8)),
        ]
        // `input` takes any JSON value (it is the flow's or the action's message), so only its neighbours are typed.
        for field in fields where field != "input" {
            for (kind, value) in [("a number", "12"), ("an object", #"{"x": {}}"#), ("an array", "[[1]]")] {
                bodies.append(("`\(field)` as \(kind)", Array(#"{"\#(field)": \#(value)}"#.utf8)))
            }
        }
        return bodies
    }

    @Test("hostile bodies get a 4xx with a code and a message from every endpoint; the server stays up")
    func hostileBodiesAreRefused() async throws {
        #expect(Self.endpoints.count >= 12, "the registry lists the endpoints with bodies")
        let server = try await PlatformTestServer()
        let limit = server.configuration.maximumBodySize
        try await server.test { client in
            let owner = try await client.signUp("owner@example.com")
            let values = try await AccessMatrixTests.populate(client, owner: owner.token, name: "Acme")
            let before = try await AccessMatrixTests.snapshot(client, values["org"]!, token: owner.token)
            var answered = 0
            for endpoint in Self.endpoints {
                let uri = AccessMatrixTests.uri(endpoint, values)
                for (name, bytes) in Self.hostileBodies(maximumBodySize: limit, fields: endpoint.bodyFields ?? []) {
                    // A body may be acceptable to an endpoint whose fields are all optional (`{}` is a valid
                    // action test); the hostile ones above are never valid.
                    let token = endpoint.authenticated ? owner.token : nil
                    let (status, body) = try await client.send(endpoint.method, uri, token: token, bytes: bytes)
                    let call = "\(endpoint.method) \(endpoint.path) with \(name)"
                    #expect((400..<500).contains(status.code), "\(call): \(status)")
                    #expect(body?["error"]?["code"]?.stringValue?.isEmpty == false, "\(call): no error code")
                    #expect(
                        (body?["error"]?["message"]?.stringValue?.count ?? 0) > 10, "\(call): no clear message")
                    answered += 1
                }
            }
            #expect(answered >= 150)
            let after = try await AccessMatrixTests.snapshot(client, values["org"]!, token: owner.token)
            #expect(before.map { $0?.serialized() } == after.map { $0?.serialized() }, "nothing was changed")
            #expect(try await client.call(.get, "/healthz").status == .ok)
        }
    }

    @Test("queries and path parameters of the wrong shape are refused with 4xx too")
    func hostileQueries() async throws {
        try await PlatformTestServer().test { client in
            let owner = try await client.signUp("owner@example.com")
            let values = try await AccessMatrixTests.populate(client, owner: owner.token, name: "Acme")
            let org = values["org"]!
            for uri in [
                "/v1/orgs/\(org)/runs?limit=-5", "/v1/orgs/\(org)/runs?limit=abc",
                "/v1/orgs/\(org)/runs?since=yesterday",
                "/v1/orgs/\(org)/runs?state=exploded", "/v1/orgs/\(org)/runs?after=%FF%FE",
                "/v1/orgs/\(org)/audit?limit=0",
                "/v1/orgs/\(org)/audit?before=soon", "/v1/orgs/\(org)/flows/orders/diff?from=0&to=99",
                "/v1/orgs/\(org)/flows/orders/versions/NaN", "/v1/orgs/%00/flows",
                "/v1/orgs/\(org)/apps/crm?version=\(String(repeating: "9", count: 400))",
            ] {
                let (status, body) = try await client.call(.get, uri, token: owner.token)
                #expect((400..<500).contains(status.code), "\(uri): \(status)")
                #expect(body?["error"]?["code"] != nil, "\(uri)")
            }
            #expect(try await client.call(.get, "/healthz").status == .ok)
        }
    }
}
