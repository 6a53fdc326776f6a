import Foundation
import Testing
import WeftJSON
import WeftModel

/// The committed JSON Schemas under `schemas/` must be exactly what the specs produce.
@Suite("Committed JSON Schemas")
struct SchemaFileTests {
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("schemas")

    @Test(
        "schemas/ is up to date (regenerate with `weft schema flow > schemas/flow.schema.json`, same for app)",
        arguments: [("flow.schema.json", Flow.jsonSchema), ("app.schema.json", AppManifest.jsonSchema)])
    func committedSchemaIsCurrent(file: String, schema: JSON) throws {
        let committed = try String(contentsOf: Self.schemas.appendingPathComponent(file), encoding: .utf8)
        #expect(committed == schema.serialized(indent: 2) + "\n", "schemas/\(file) is stale")
    }

    @Test("the schemas describe every step kind and trigger")
    func schemaCoversKinds() throws {
        let flow = Flow.jsonSchema.serialized()
        for key in [
            "\"action\"", "\"http\"", "\"map\"", "\"filter\"", "\"switch\"", "\"foreach\"", "\"parallel\"",
            "\"convert\"", "\"delay\"", "\"file\"",
        ] {
            #expect(flow.contains(key), "flow schema lacks \(key)")
        }
        for key in ["\"webhook\"", "\"schedule\"", "\"poll\"", "\"manual\""] {
            #expect(flow.contains(key), "flow schema lacks \(key)")
        }
    }
}
