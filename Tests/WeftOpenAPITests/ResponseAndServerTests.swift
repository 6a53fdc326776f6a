import Testing
import WeftJSON

@testable import WeftOpenAPI

@Suite("Importing responses, servers and tags")
struct ResponseAndServerTests {
    static func responses(_ codes: String) -> String {
        openAPI(
            paths: """
                  /thing:
                    get:
                      operationId: getThing
                      responses:
                \(codes)
                """)
    }

    @Test(
        "the success response is 200, then 201, then 2XX, then any 2xx, then default",
        arguments: [
            (
                #"        "404": { description: no }\n        "201": { description: c, content: { application/json: { schema: { title: created } } } }\n        "200": { description: o, content: { application/json: { schema: { title: ok } } } }"#,
                "ok"
            ),
            (
                #"        "201": { description: c, content: { application/json: { schema: { title: created } } } }\n        "2XX": { description: x, content: { application/json: { schema: { title: any } } } }"#,
                "created"
            ),
            (
                #"        "2XX": { description: x, content: { application/json: { schema: { title: any } } } }\n        "default": { description: d, content: { application/json: { schema: { title: default } } } }"#,
                "any"
            ),
            (
                #"        "204": { description: n }\n        "206": { description: p, content: { application/json: { schema: { title: partial } } } }"#,
                "partial"
            ),
            (
                #"        "default": { description: d, content: { application/json: { schema: { title: default } } } }"#,
                "default"
            ),
        ])
    func successResponse(codes: String, title: String) throws {
        let result = try importDocument(Self.responses(codes.replacingOccurrences(of: "\\n", with: "\n")))
        #expect(result.action("get_thing")?["output"]?["title"] == .string(title))
        #expect(result.codes.contains("response-default") == (title == "default"))
    }

    @Test("responses that are not JSON have no output schema")
    func nonJSONResponse() throws {
        let result = try importDocument(
            Self.responses(#"        "200": { description: o, content: { text/html: { schema: { type: string } } } }"#))
        #expect(result.action("get_thing")?["output"] == nil)
        #expect(result.codes.contains("response-media-type"))
    }

    @Test("server variables become connection fields with their defaults")
    func serverVariables() throws {
        let result = try importDocument(
            """
            openapi: 3.1.0
            info: { title: Regional API, version: "2" }
            servers:
              - url: "https://{region}.api.example.com/{basePath}"
                variables:
                  region: { default: eu, enum: [eu, us], description: The region. }
                  basePath: { default: v2 }
              - url: https://sandbox.example.com
            paths: {}
            """)
        #expect(
            result.manifest["base_url"]
                == "https://{{ $connection.region }}.api.example.com/{{ $connection.base_path }}")
        let fields = try #require(result.manifest["connection"]?["fields"])
        #expect(fields["region"]?["default"] == "eu")
        #expect(fields["region"]?["required"] == false)
        #expect(fields["region"]?["description"] == "The region. One of: eu, us")
        #expect(fields["base_path"]?["default"] == "v2")
        #expect(result.codes.contains("servers"))
        #expect(result.manifest["version"] == "2.0.0")
    }

    @Test("a server without variables is the default of the connection field base_url, so it can be pointed elsewhere")
    func plainServer() throws {
        let result = try importDocument(openAPI(paths: "  {}"))
        #expect(result.manifest["base_url"] == "{{ $connection.base_url }}")
        let field = try #require(result.manifest["connection"]?["fields"]?["base_url"])
        #expect(field["default"] == "https://api.example.com/v1")
        #expect(field["required"] == false)
        #expect(result.diagnostics.isEmpty)
    }

    @Test("without servers, or with a relative one, the base URL is a connection field that must be filled in")
    func missingServer() throws {
        let none = try importDocument(
            "openapi: 3.0.0\ninfo: { title: X, version: 1.0.0 }\npaths: {}\n")
        #expect(none.manifest["base_url"] == "{{ $connection.base_url }}")
        #expect(none.manifest["connection"]?["fields"]?["base_url"]?["type"] == "string")
        #expect(none.manifest["connection"]?["fields"]?["base_url"]?["default"] == nil)
        #expect(none.codes.contains("base-url"))
        let relative = try importDocument(
            "openapi: 3.0.0\ninfo: { title: X, version: 1.0.0 }\nservers: [{ url: /api/v3 }]\npaths: {}\n")
        #expect(relative.manifest["base_url"] == "{{ $connection.base_url }}/api/v3")
    }

    @Test("--include-tags keeps the operations with one of the tags; an unknown tag is reported")
    func includeTags() throws {
        let document = openAPI(
            paths: """
                  /a:
                    get: { operationId: a, tags: [Issues], responses: { "200": { description: ok } } }
                  /b:
                    get: { operationId: b, tags: [pulls], responses: { "200": { description: ok } } }
                  /c:
                    get: { operationId: c, responses: { "200": { description: ok } } }
                """)
        let result = try importDocument(document, options: .init(includeTags: ["issues", "nothing"]))
        #expect(result.manifest["actions"]?.objectValue?.keys.map { $0 } == ["a"])
        #expect(result.operationCount == 1)
        #expect(result.codes == ["unknown-tag"])
        let all = try importDocument(document)
        #expect(all.actionCount == 3)
    }

    @Test("the app is named from the title or --app, and keeps info")
    func appIdentity() throws {
        let result = try importDocument(
            openAPI(paths: "  {}", extra: "externalDocs: { url: https://docs.example.com }"),
            options: .init(appName: "My App"))
        #expect(result.manifest["app"] == "my-app")
        #expect(result.manifest["name"] == "Test API")
        #expect(result.manifest["version"] == "1.2.3")
        #expect(result.manifest["docs_url"] == "https://docs.example.com")
        #expect(result.codes == ["app-name"])
        #expect(try importDocument(openAPI(paths: "  {}")).manifest["app"] == "test-api")
    }

    @Test("OpenAPI 3.1 webhooks are reported, not imported")
    func webhooks() throws {
        let result = try importDocument(
            """
            openapi: 3.1.0
            info: { title: Hooks, version: 1.0.0 }
            servers: [{ url: "https://example.com" }]
            webhooks:
              newPet: { post: { requestBody: { content: { application/json: { schema: { type: object } } } } } }
            """)
        #expect(result.actionCount == 0)
        #expect(result.codes == ["webhooks-skipped"])
    }
}
