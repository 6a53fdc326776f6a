import Testing
import WeftJSON

@testable import WeftOpenAPI

@Suite("OpenAPIDocument")
struct OpenAPIDocumentTests {
    @Test("the version is detected from `swagger` or `openapi`, in JSON and in YAML")
    func versionDetection() throws {
        #expect(try OpenAPIDocument(text: #"{"swagger": "2.0", "paths": {}}"#).version == .swagger2)
        #expect(try OpenAPIDocument(text: #"{"openapi": "3.0.3", "paths": {}}"#).version == .openAPI30)
        #expect(try OpenAPIDocument(text: "openapi: 3.1.0\npaths: {}\n").version == .openAPI31)
        #expect(try OpenAPIDocument(text: "openapi: 3.0\npaths: {}\n").version == .openAPI30)
        #expect(try OpenAPIDocument(text: "swagger: '2.0'\n").version == .swagger2)
    }

    @Test("documents that are not OpenAPI, of another version or not parseable are refused")
    func refusals() {
        #expect(throws: OpenAPIError.self) { try OpenAPIDocument(text: "title: hello\n") }
        #expect(throws: OpenAPIError.self) { try OpenAPIDocument(text: "openapi: 4.0.0\n") }
        #expect(throws: OpenAPIError.self) { try OpenAPIDocument(text: #"{"openapi": "3.0.0""#) }
        #expect(throws: OpenAPIError.self) { try OpenAPIDocument(text: "openapi: [3\n") }
        #expect(throws: OpenAPIError.self) { try OpenAPIDocument.load(path: "/nonexistent/openapi.yaml") }
    }

    @Test("YAML plain scalars follow the core schema; quoted scalars and keys stay text")
    func yamlScalars() throws {
        let document = try OpenAPIDocument(
            text: """
                openapi: 3.0.0
                x:
                  a: 12
                  b: -1.5e3
                  c: true
                  d: ~
                  e: "12"
                  f: 0x1F
                  g: 1.2.3
                  200: ok
                  h: [yes, null, .inf]
                """)
        let x = try #require(document.root["x"])
        #expect(x["a"] == 12)
        #expect(x["b"] == .number(-1500))
        #expect(x["c"] == true)
        #expect(x["d"] == .null)
        #expect(x["e"] == "12")
        #expect(x["f"] == 31)
        #expect(x["g"] == "1.2.3")
        #expect(x["200"] == "ok")
        #expect(x["h"] == [.string("yes"), .null, .number(.infinity)])
    }

    static let tree = """
        openapi: 3.0.0
        paths: {}
        components:
          schemas:
            Node:
              type: object
              properties:
                name: { $ref: "#/components/schemas/Name" }
                children: { type: array, items: { $ref: "#/components/schemas/Node" } }
            Name: { type: string, minLength: 1 }
            Ghost: { $ref: "#/components/schemas/Missing" }
        """

    @Test("schema(at:) inlines references and cuts cycles with a marker")
    func schemaInliningAndCycles() throws {
        let document = try OpenAPIDocument(text: Self.tree)
        let node = try document.schema(at: "#/components/schemas/Node")
        #expect(node["properties"]?["name"] == ["type": "string", "minLength": 1])
        #expect(
            node["properties"]?["children"]?["items"]
                == ["description": "recursive: Node", "x-weft-ref": "#/components/schemas/Node"])
        let ghost = try document.schema(at: "/components/schemas/Ghost")
        #expect(ghost["description"] == "unresolved: #/components/schemas/Missing")
        #expect(throws: OpenAPIError.self) { try document.schema(at: "#/components/schemas/Nope") }
        #expect(throws: OpenAPIError.self) { try document.schema(at: "#/openapi") }
        #expect(throws: OpenAPIError.self) { try document.schema(at: "#/bad~2pointer") }
    }

    @Test("a Swagger 2.0 parameter list becomes an object schema of its parameters")
    func swaggerParameterList() throws {
        let document = try OpenAPIDocument(
            text: """
                {"swagger": "2.0", "paths": {"/chat.postMessage": {"post": {"parameters": [
                  {"in": "formData", "name": "channel", "type": "string", "required": true, "description": "where"},
                  {"in": "formData", "name": "mrkdwn", "type": "boolean"},
                  {"in": "query", "name": "ids", "type": "array", "items": {"type": "integer"}},
                  {"$ref": "#/parameters/limit"},
                  {"in": "body", "name": "extra", "schema": {"$ref": "#/definitions/Extra"}}
                ]}}},
                 "parameters": {"limit": {"in": "query", "name": "limit", "type": "integer", "maximum": 100}},
                 "definitions": {"Extra": {"type": "object", "properties": {"tag": {"type": "string"}}}}}
                """)
        let schema = try document.schema(at: "#/paths/~1chat.postMessage/post/parameters")
        #expect(schema["type"] == "object")
        #expect(schema["required"] == ["channel"])
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(Array(properties.keys) == ["channel", "mrkdwn", "ids", "limit", "extra"])
        #expect(properties["channel"] == ["type": "string", "description": "where"])
        #expect(properties["ids"] == ["type": "array", "items": ["type": "integer"]])
        #expect(properties["limit"] == ["type": "integer", "maximum": 100])
        #expect(properties["extra"]?["properties"]?["tag"] == ["type": "string"])
        #expect(try document.schema(at: "#/parameters/limit") == ["type": "integer", "maximum": 100])
    }

    @Test("long reference chains are cut after four levels; bodies and responses give the schema they carry")
    func depthAndCarriers() throws {
        let document = try OpenAPIDocument(
            text: """
                openapi: 3.0.0
                paths:
                  /a:
                    post:
                      requestBody: { content: { application/json: { schema: { $ref: "#/components/schemas/A" } } } }
                      responses:
                        "200": { description: ok, content: { application/json: { schema: { type: integer } } } }
                components:
                  schemas:
                    A: { properties: { b: { $ref: "#/components/schemas/B" } } }
                    B: { properties: { c: { $ref: "#/components/schemas/C" } } }
                    C: { properties: { d: { $ref: "#/components/schemas/D" } } }
                    D: { properties: { e: { $ref: "#/components/schemas/E" } } }
                    E: { type: string }
                """)
        let a = try document.schema(at: "#/components/schemas/A")
        let d = a["properties"]?["b"]?["properties"]?["c"]?["properties"]?["d"]
        #expect(d?["properties"]?["e"] == ["description": "not expanded: E", "x-weft-ref": "#/components/schemas/E"])
        #expect(
            try document.schema(at: "#/components/schemas/C")["properties"]?["d"]?["properties"]?["e"] == [
                "type": "string"
            ])
        let body = try document.schema(at: "#/paths/~1a/post/requestBody")
        #expect(body["properties"]?["b"]?["properties"]?["c"] != nil)
        #expect(try document.schema(at: "#/paths/~1a/post/responses/200") == ["type": "integer"])
    }

    @Test("value(at:) reads any value by JSON pointer")
    func valueAtPointer() throws {
        let document = try OpenAPIDocument(text: Self.tree)
        #expect(try document.value(at: JSONPointer("/components/schemas/Name/minLength")) == 1)
        #expect(try document.value(at: JSONPointer("/nothing")) == nil)
    }

    @Test(
        "every shared document loads with its version, and every component schema can be made self-contained",
        .enabled(if: SharedData.isPresent, SharedData.skipMessage))
    func sharedDocuments() throws {
        let expected: [(String, OpenAPIVersion)] = [
            ("petstore.yaml", .openAPI30), ("slack-web-api.swagger2.json", .swagger2),
            ("webhook-example-3.1.yaml", .openAPI31), ("shopify-admin-rest.yaml", .openAPI30),
            ("dynamics365-business-central.yaml", .openAPI30), ("twilio-api-v2010.json", .openAPI30),
            ("slack-web-api.oas3-converted.json", .openAPI30), ("github-api.github.com.json", .openAPI30),
            ("stripe-spec3.yaml", .openAPI30),
        ]
        for (name, version) in expected {
            let document = try OpenAPIDocument.load(path: SharedData.path(name))
            #expect(document.version == version, "\(name)")
            let section = version == .swagger2 ? ["definitions"] : ["components", "schemas"]
            let schemas = document.value(at: JSONPointer(tokens: section))?.objectValue ?? [:]
            for schemaName in schemas.keys.prefix(40) {
                let pointer = "#" + JSONPointer(tokens: section + [schemaName]).description
                let schema = try document.schema(at: pointer)
                #expect(!Self.containsReference(schema), "\(name) \(pointer) still holds a $ref")
            }
        }
        let slack = try OpenAPIDocument.load(path: SharedData.path("slack-web-api.swagger2.json"))
        let form = try slack.schema(at: "#/paths/~1chat.postMessage/post/parameters")
        #expect(form["properties"]?["channel"]?["type"] == "string")
        #expect(form["required"]?.arrayValue?.contains("channel") == true)
    }

    static func containsReference(_ value: JSON) -> Bool {
        switch value {
        case .object(let object):
            return object["$ref"]?.stringValue != nil || object.values.contains(where: containsReference)
        case .array(let elements): return elements.contains(where: containsReference)
        default: return false
        }
    }
}
