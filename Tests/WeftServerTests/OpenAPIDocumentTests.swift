import Foundation
import Hummingbird
import Testing
import WeftJSON
import WeftServer
import WeftStore
import WeftStoreSQLite

/// The OpenAPI document lists exactly the routes the server answers, is served at /openapi.json, and matches the
/// committed `docs/openapi.json` (regenerate with `WEFT_UPDATE_DOCS=1 swift test --filter OpenAPIDocumentTests`).
@Suite("OpenAPI document")
struct OpenAPIDocumentTests {
    static let committed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")

    static func build() -> (router: Router<WeftRequestContext>, endpoints: [Endpoint]) {
        let (router, registry) = buildRouter(
            configuration: ServerConfiguration(), store: SQLiteStore.inMemory(), masterKey: MasterKey.generate(),
            outbound: OutboundHTTP(allowedHosts: []))
        return (router, registry.endpoints)
    }

    @Test("every route the router answers is documented, and every documented operation is a route")
    func routesMatchDocument() throws {
        let (router, endpoints) = Self.build()
        // The router writes parameters as {name}, registrations as :name.
        func normalized(_ path: String) -> String {
            "/"
                + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
        }
        let routes = Set(router.routes.map { "\($0.method.rawValue) \(normalized($0.path.description))" })
        let documented = Set(endpoints.map { "\($0.method.rawValue) \(normalized($0.path))" })
        #expect(
            routes == documented,
            "undocumented: \(routes.subtracting(documented)); missing: \(documented.subtracting(routes))")
        let document = OpenAPIDocument.make(endpoints)
        let operations = (document["paths"]?.objectValue ?? [:]).values.flatMap {
            $0.objectValue?.values.map { $0 } ?? []
        }
        #expect(operations.count == endpoints.count)
        let ids = operations.compactMap { $0["operationId"]?.stringValue }
        #expect(Set(ids).count == ids.count, "operation ids are unique")
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            let inPath = Set(
                path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for operation in Array((item.objectValue ?? [:]).values) {
                let parameters: [JSON] = operation["parameters"]?.arrayValue ?? []
                let declared = Set(parameters.compactMap { $0["name"]?.stringValue })
                #expect(declared == inPath, "\(path): parameters \(declared) vs \(inPath)")
            }
        }
    }

    @Test("the document is served at /openapi.json and committed as docs/openapi.json")
    func servedAndCommitted() async throws {
        let server = try await PlatformTestServer()
        let served = try await server.test { client in try await client.call(.get, "/openapi.json").body }
        let generated = OpenAPIDocument.make(Self.build().endpoints)
        #expect(served == generated)
        let text = generated.serialized(indent: 2) + "\n"
        if ProcessInfo.processInfo.environment["WEFT_UPDATE_DOCS"] == "1" {
            try text.write(to: Self.committed, atomically: true, encoding: .utf8)
            Issue.record("wrote \(Self.committed.path); run again without WEFT_UPDATE_DOCS")
            return
        }
        let committed = try String(contentsOf: Self.committed, encoding: .utf8)
        #expect(
            committed == text, "docs/openapi.json is stale: WEFT_UPDATE_DOCS=1 swift test --filter OpenAPIDocumentTests"
        )
    }
}
