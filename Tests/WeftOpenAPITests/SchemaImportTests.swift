import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

@Suite("Importing schemas")
struct SchemaImportTests {
    static let tree = openAPI(
        paths: """
              /nodes/{id}:
                get:
                  operationId: getNode
                  parameters: [{ $ref: "#/components/parameters/Id" }]
                  responses:
                    "200": { $ref: "#/components/responses/NodeResponse" }
            """,
        extra: """
            components:
              parameters:
                Id: { name: id, in: path, required: true, schema: { type: integer } }
              responses:
                NodeResponse:
                  description: a node
                  content: { application/json: { schema: { $ref: "#/components/schemas/Node" } } }
              schemas:
                Unused: { type: string }
                Node:
                  type: object
                  x-internal: true
                  required: [name]
                  properties:
                    name: { type: string }
                    x-tag: { type: string }
                    parent: { $ref: "#/components/schemas/Node" }
                    children: { type: array, items: { $ref: "#/components/schemas/Node" } }
            """)

    @Test("component schemas become app schemas; cyclic references stay references the validator follows")
    func cyclicReferences() throws {
        let result = try importDocument(Self.tree)
        let schemas = try #require(result.manifest["schemas"]?.objectValue)
        #expect(Array(schemas.keys) == ["Node"], "only schemas in use are brought in")
        let node = try #require(schemas["Node"])
        #expect(node["x-internal"] == nil, "extensions are dropped")
        #expect(node["properties"]?["x-tag"] == ["type": "string"], "a property named x-... stays")
        #expect(node["properties"]?["parent"] == ["$ref": "#/schemas/Node"])
        #expect(result.action("get_node")?["output"] == ["$ref": "#/schemas/Node"])
        #expect(result.action("get_node")?["input"]?["properties"]?["id"] == ["type": "integer"])

        let app = try app(result)
        let output = try #require(app.actions["get_node"]?.output)
        let validator = JSONSchemaValidator(schema: output, definitions: .object(app.schemas))
        #expect(validator.unresolvedReferences.isEmpty)
        #expect(validator.isValid(["name": "root", "children": [["name": "a", "children": [["name": "b"]]]]]))
        #expect(!validator.isValid(["name": "root", "children": [["children": []]]]))
    }
}
