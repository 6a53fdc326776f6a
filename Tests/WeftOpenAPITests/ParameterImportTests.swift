import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

@Suite("Importing parameters and bodies")
struct ParameterImportTests {
    @Test("path, query and header parameters become the input; cookies are left out")
    func parameterLocations() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /repos/{owner}/{repo-name}/issues:
                        parameters:
                          - { name: owner, in: path, required: true, schema: { type: string } }
                        get:
                          operationId: listIssues
                          parameters:
                            - { name: repo-name, in: path, required: true, schema: { type: string } }
                            - { name: state, in: query, schema: { type: string, enum: [open, closed] } }
                            - { name: labels, in: query, schema: { type: array, items: { type: string } } }
                            - { name: X-Request-Id, in: header, required: true, schema: { type: string } }
                            - { name: Authorization, in: header, schema: { type: string } }
                            - { name: session, in: cookie, schema: { type: string } }
                          responses: { "200": { description: ok } }
                    """))
        let action = try #require(result.action("list_issues"))
        #expect(action["path"] == "/repos/{{ owner }}/{{ `repo-name` }}/issues")
        #expect(action["query"]?["state"] == "{{ state }}")
        #expect(action["query"]?["labels"] == "{{ $join(labels.$string(), ',') }}")
        #expect(action["headers"] == ["X-Request-Id": "{{ `X-Request-Id` }}"])
        let input = try #require(action["input"])
        #expect(input["required"] == ["owner", "repo-name", "X-Request-Id"])
        #expect(
            input["properties"]?.objectValue?.keys.map { $0 } == [
                "owner", "repo-name", "state", "labels", "X-Request-Id",
            ])
        #expect(result.codes.contains("parameter-cookie"))
        #expect(result.codes.contains("parameter-auth"))
        #expect(result.codes.contains("query-array"))
    }

    @Test("a missing optional query input leaves the parameter out; arrays are joined with commas")
    func queryRendering() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /items:
                        get:
                          operationId: listItems
                          parameters:
                            - { name: state, in: query, schema: { type: string } }
                            - { name: ids, in: query, schema: { type: array, items: { type: integer } } }
                          responses: { "200": { description: ok } }
                    """))
        let action = try #require(try app(result).actions["list_items"])
        let state = try #require(action.query["state"])
        let ids = try #require(action.query["ids"])
        #expect(try state.render(["ids": [1, 2]], bindings: [:], options: .init()) == "")
        #expect(try ids.render(["ids": [1, 2]], bindings: [:], options: .init()) == "1,2")
        #expect(try ids.render(["state": "x"], bindings: [:], options: .init()) == "")
    }

    @Test("an operation parameter replaces a path item parameter of the same name and location")
    func parameterOverride() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /things:
                        parameters: [{ name: limit, in: query, schema: { type: string } }]
                        get:
                          operationId: listThings
                          parameters: [{ name: limit, in: query, schema: { type: integer } }]
                          responses: { "200": { description: ok } }
                    """))
        #expect(result.action("list_things")?["input"]?["properties"]?["limit"] == ["type": "integer"])
    }

    @Test("a JSON request body is the input's `body`")
    func jsonBody() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /pets/{id}:
                        put:
                          operationId: updatePet
                          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                          requestBody:
                            required: true
                            content:
                              application/xml: { schema: { type: string } }
                              application/json: { schema: { $ref: "#/components/schemas/Pet" } }
                          responses: { "200": { description: ok } }
                    """,
                extra: """
                    components:
                      schemas:
                        Pet: { type: object, properties: { name: { type: string } } }
                    """))
        let action = try #require(result.action("update_pet"))
        #expect(action["body"] == "body")
        #expect(action["input"]?["required"] == ["id", "body"])
        #expect(action["input"]?["properties"]?["body"] == ["$ref": "#/schemas/Pet"])
        #expect(result.manifest["schemas"]?["Pet"] != nil)
    }

    @Test("form bodies become one input field each (required as the form requires them), sent as a form")
    func formBody() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /messages:
                        post:
                          operationId: sendMessage
                          requestBody:
                            content:
                              application/x-www-form-urlencoded:
                                schema:
                                  type: object
                                  required: [To]
                                  properties: { To: { type: string }, Body: { type: string } }
                          responses: { "201": { description: created } }
                      /charges:
                        get:
                          operationId: listCharges
                          requestBody:
                            content:
                              application/x-www-form-urlencoded:
                                schema: { type: object, properties: {}, additionalProperties: false }
                          responses: { "200": { description: ok } }
                    """))
        let action = try #require(result.action("send_message"))
        #expect(action["body"] == ["To": "To", "Body": "Body"])
        #expect(action["input"]?["required"] == ["To"])
        #expect(action["body_format"] == "form", "a URL-encoded form is sent as one")
        #expect(!result.codes.contains("form-body"))
        #expect(result.action("list_charges")?["body"] == nil)
    }

    @Test("Swagger 2.0 body and formData parameters")
    func swaggerBodies() throws {
        let result = try importDocument(
            """
            swagger: "2.0"
            info: { title: Old API, version: "1.0" }
            host: api.example.com
            basePath: /api
            schemes: [http, https]
            paths:
              /chat.postMessage:
                post:
                  operationId: chat_postMessage
                  consumes: [application/x-www-form-urlencoded]
                  parameters:
                    - { name: channel, in: formData, type: string, required: true }
                    - { name: mrkdwn, in: formData, type: boolean }
                    - { name: file, in: formData, type: file }
                  responses: { "200": { description: ok, schema: { type: object } } }
              /pets:
                post:
                  operationId: addPet
                  parameters:
                    - { name: pet, in: body, required: true, schema: { $ref: "#/definitions/Pet" } }
                  responses: { "200": { description: ok, schema: { $ref: "#/definitions/Pet" } } }
            definitions:
              Pet: { type: object, properties: { name: { type: string } } }
            """)
        #expect(result.manifest["connection"]?["fields"]?["base_url"]?["default"] == "https://api.example.com/api")
        #expect(result.manifest["version"] == "1.0.0")
        let post = try #require(result.action("chat_post_message"))
        #expect(post["body"] == ["channel": "channel", "mrkdwn": "mrkdwn", "file": "file"])
        #expect(post["input"]?["properties"]?["file"] == ["type": "string", "format": "binary"])
        #expect(post["input"]?["required"] == ["channel"])
        let add = try #require(result.action("add_pet"))
        #expect(add["body"] == "body")
        #expect(add["input"]?["properties"]?["body"] == ["$ref": "#/schemas/Pet"])
        #expect(add["output"] == ["$ref": "#/schemas/Pet"])
        #expect(post["body_format"] == "form" && add["body_format"] == nil)
        #expect(!result.codes.contains("form-body"))
    }

    @Test("an undeclared path parameter is taken as a required string")
    func undeclaredPathParameter() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /orders/{order_id}:
                        delete: { operationId: deleteOrder, responses: { "204": { description: gone } } }
                    """))
        let action = try #require(result.action("delete_order"))
        #expect(action["path"] == "/orders/{{ order_id }}")
        #expect(action["input"]?["required"] == ["order_id"])
        #expect(action["output"] == nil)
        #expect(result.codes.contains("path-parameter"))
    }
}
