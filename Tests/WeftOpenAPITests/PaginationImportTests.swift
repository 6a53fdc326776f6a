import Testing
import WeftJSON

@testable import WeftOpenAPI

@Suite("Recognising pagination")
struct PaginationImportTests {
    /// A `GET /items` operation with query parameters and a 200 response (YAML flow text for both).
    static func list(parameters: String, response: String) throws -> OpenAPIImport {
        try importDocument(
            openAPI(
                paths: """
                      /items:
                        get:
                          operationId: listItems
                          parameters: \(parameters)
                          responses:
                            "200": \(response)
                    """,
                extra: """
                    components:
                      schemas:
                        Item: { type: object, properties: { id: { type: string } } }
                    """))
    }

    static let items = ##"{ type: array, items: { $ref: "#/components/schemas/Item" } }"##

    @Test("a Link response header")
    func linkHeader() throws {
        let result = try Self.list(
            parameters: "[{ name: per_page, in: query, schema: { type: integer } }]",
            response:
                ##"{ description: ok, headers: { Link: { schema: { type: string } } }, content: { application/json: { schema: \##(Self.items) } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "link_header"])
        #expect(action["records"] == nil)
        #expect(action["output"] == ["$ref": "#/schemas/Item"])
    }

    @Test("a cursor parameter with a next cursor in the response")
    func cursor() throws {
        let result = try Self.list(
            parameters: "[{ name: cursor, in: query, schema: { type: string } }]",
            response:
                ##"{ description: ok, content: { application/json: { schema: { type: object, properties: { channels: \##(Self.items), response_metadata: { type: object, properties: { next_cursor: { type: string } } } } } } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "cursor", "next": "response_metadata.next_cursor", "param": "cursor"])
        #expect(action["records"] == "channels")
        #expect(action["output"] == ["$ref": "#/schemas/Item"])
    }

    @Test("Stripe's has_more and starting_after")
    func hasMore() throws {
        let result = try Self.list(
            parameters:
                "[{ name: starting_after, in: query, schema: { type: string } }, { name: limit, in: query, schema: { type: integer } }]",
            response:
                ##"{ description: ok, content: { application/json: { schema: { type: object, properties: { data: \##(Self.items), has_more: { type: boolean }, url: { type: string } } } } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "cursor", "next": "has_more ? data[-1].id", "param": "starting_after"])
        #expect(action["records"] == "data")
    }

    @Test("a page parameter that takes the previous response's next_page token (Stripe's search)")
    func pageToken() throws {
        let result = try Self.list(
            parameters:
                "[{ name: page, in: query, schema: { type: string } }, { name: query, in: query, schema: { type: string } }]",
            response:
                ##"{ description: ok, content: { application/json: { schema: { type: object, properties: { data: \##(Self.items), has_more: { type: boolean }, next_page: { type: string, nullable: true } } } } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "cursor", "next": "next_page", "param": "page"])
        #expect(action["records"] == "data")
    }

    @Test("a next-page URL in the body")
    func nextURL() throws {
        let result = try Self.list(
            parameters: "[{ name: PageSize, in: query, schema: { type: integer } }]",
            response:
                ##"{ description: ok, content: { application/json: { schema: { type: object, properties: { next_page_uri: { type: string, nullable: true }, calls: \##(Self.items) } } } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "next_url", "next": "next_page_uri"])
        #expect(action["records"] == "calls")
    }

    @Test("OData's @odata.nextLink")
    func odata() throws {
        let result = try Self.list(
            parameters: "[{ name: $top, in: query, schema: { type: integer } }]",
            response:
                ##"{ description: ok, content: { application/json: { schema: { type: object, properties: { value: \##(Self.items), "@odata.nextLink": { type: string } } } } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "odata"])
        #expect(action["records"] == nil)
        #expect(action["output"] == ["$ref": "#/schemas/Item"])
        #expect(action["query"]?["$top"] == "{{ `$top` }}")
    }

    @Test("offset and limit parameters")
    func offset() throws {
        let result = try Self.list(
            parameters:
                "[{ name: offset, in: query, schema: { type: integer } }, { name: limit, in: query, schema: { type: integer, maximum: 500, default: 50 } }]",
            response:
                ##"{ description: ok, content: { application/json: { schema: { type: object, properties: { results: \##(Self.items), total: { type: integer } } } } } }"##
        )
        let action = try #require(result.action("list_items"))
        #expect(action["paginate"] == ["type": "offset", "param": "offset", "limit_param": "limit", "page_size": 50])
        #expect(action["records"] == "results")
    }

    @Test("page and page size parameters")
    func page() throws {
        let result = try Self.list(
            parameters:
                "[{ name: page, in: query, schema: { type: integer, minimum: 0 } }, { name: per_page, in: query, schema: { type: integer, maximum: 250 } }]",
            response: ##"{ description: ok, content: { application/json: { schema: \##(Self.items) } } }"##)
        let action = try #require(result.action("list_items"))
        #expect(
            action["paginate"] == [
                "type": "page", "param": "page", "limit_param": "per_page", "page_size": 100, "start": 0,
            ])
    }

    @Test("an example shows paging when there is no schema; a cursor without a next cursor is reported")
    func fromExample() throws {
        let example = try Self.list(
            parameters: "[{ name: cursor, in: query, schema: { type: string } }]",
            response:
                ##"{ description: ok, content: { application/json: { examples: { one: { value: { ok: true, members: [{ id: U1 }], response_metadata: { next_cursor: abc } } } } } } }"##
        )
        let action = try #require(example.action("list_items"))
        #expect(action["paginate"]?["next"] == "response_metadata.next_cursor")
        #expect(action["records"] == "members")
        #expect(action["output"] == nil)
        let none = try Self.list(
            parameters: "[{ name: cursor, in: query, schema: { type: string } }]",
            response: ##"{ description: ok, content: { application/json: { schema: { type: object } } } }"##)
        #expect(none.action("list_items")?["paginate"] == nil)
        #expect(none.codes == ["pagination"])
    }
}
