import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

@Suite("MockResponder")
struct MockResponderTests {
    static let shop = """
        openapi: 3.0.3
        info: { title: Shop, version: 1.0.0 }
        servers: [{ url: "https://shop.example/api/{version}", variables: { version: { default: v2 } } }]
        paths:
          /orders:
            get:
              operationId: listOrders
              parameters:
                - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 50 } }
                - { name: status, in: query, required: true, schema: { type: string, enum: [open, closed] } }
                - { name: X-Tenant, in: header, required: true, schema: { type: string } }
                - { name: ids, in: query, schema: { type: array, items: { type: integer } } }
              responses:
                '200':
                  description: orders
                  headers:
                    X-Total-Count: { schema: { type: integer, minimum: 0 } }
                  content:
                    application/json:
                      schema: { type: array, items: { $ref: '#/components/schemas/Order' } }
            post:
              operationId: createOrder
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: '#/components/schemas/NewOrder' }
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Order' }
                      examples:
                        small: { value: { id: 1, email: small@example.com, quantity: 1 } }
                        large: { $ref: '#/components/examples/Large' }
                '422':
                  description: refused
                  content:
                    application/json:
                      example: { error: out of stock }
                default:
                  description: error
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Error' }
          /orders/{orderId}:
            parameters:
              - { name: orderId, in: path, required: true, schema: { type: integer, minimum: 1 } }
            get:
              operationId: getOrder
              responses:
                '200':
                  description: one order
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Order' }
                    text/plain:
                      example: an order
                '404': { $ref: '#/components/responses/NotFound' }
            delete:
              operationId: deleteOrder
              responses:
                '204': { description: gone }
          /orders/summary:
            get:
              operationId: orderSummary
              responses:
                '200':
                  description: summary
                  content:
                    application/json:
                      example: { count: 3 }
          /files/{name}.{extension}:
            get:
              operationId: getFile
              parameters:
                - { name: name, in: path, required: true, schema: { type: string } }
                - { name: extension, in: path, required: true, schema: { type: string, enum: [csv, json] } }
              responses:
                '200': { description: file }
        components:
          examples:
            Large: { value: { id: 2, email: large@example.com, quantity: 90 } }
          responses:
            NotFound:
              description: not found
              content:
                application/json:
                  schema: { $ref: '#/components/schemas/Error' }
          schemas:
            NewOrder:
              type: object
              required: [email, quantity]
              properties:
                email: { type: string, format: email }
                quantity: { type: integer, minimum: 1 }
                note: { type: string, maxLength: 10 }
            Order:
              allOf:
                - { $ref: '#/components/schemas/NewOrder' }
                - type: object
                  required: [id, created]
                  properties:
                    id: { type: integer, minimum: 1 }
                    created: { type: string, format: date-time }
                    customer: { $ref: '#/components/schemas/Customer' }
            Customer:
              type: object
              required: [id]
              properties:
                id: { type: string, format: uuid }
                referrer: { $ref: '#/components/schemas/Customer' }
            Error:
              type: object
              required: [message]
              properties: { message: { type: string } }
        """

    static func responder(_ options: MockOptions = MockOptions()) throws -> MockResponder {
        MockResponder(document: try OpenAPIDocument(text: shop, file: "shop.yaml"), options: options)
    }

    static func get(_ target: String, _ headers: [(name: String, value: String)] = []) -> MockRequest {
        MockRequest(method: "GET", target: target, headers: headers)
    }

    static func post(_ target: String, _ body: String, _ headers: [(name: String, value: String)] = []) -> MockRequest {
        MockRequest(
            method: "POST", target: target, headers: [("Content-Type", "application/json")] + headers,
            body: Array(body.utf8))
    }

    /// Checks `response`'s body against the document's schema at `pointer`.
    static func expectConforming(_ response: MockResponse, to pointer: String, in responder: MockResponder) throws {
        let schema = try responder.document.schema(at: pointer)
        let body = try #require(response.json)
        let violations = JSONSchemaValidator(schema: schema).validate(body)
        #expect(violations.isEmpty, "\(body) breaks \(violations)")
    }

    @Test("a valid request gets its success response, generated from the schema, with its documented headers")
    func generatedResponse() throws {
        let responder = try Self.responder()
        let response = responder.respond(to: Self.get("/orders?status=open&limit=5", [("X-Tenant", "acme")]))
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.header("X-Weft-Mock-Source") == "schema")
        #expect(Int(response.header("X-Total-Count") ?? "") != nil)
        try Self.expectConforming(
            response, to: "#/paths/~1orders/get/responses/200/content/application~1json/schema", in: responder)
        let one = responder.respond(to: Self.get("/orders/7"))
        #expect(one.status == 200)
        try Self.expectConforming(one, to: "#/components/schemas/Order", in: responder)
    }

    @Test("the same seed and request give the same body; another seed gives another")
    func determinism() throws {
        let request = Self.get("/orders?status=open", [("X-Tenant", "acme")])
        let first = try Self.responder(MockOptions(seed: 42)).respond(to: request)
        let again = try Self.responder(MockOptions(seed: 42)).respond(to: request)
        let repeated = try Self.responder(MockOptions(seed: 42))
        #expect(first.body == again.body)
        #expect(repeated.respond(to: request).body == repeated.respond(to: request).body)
        let other = try Self.responder(MockOptions(seed: 43)).respond(to: request)
        #expect(first.body != other.body)
    }

    @Test("documented examples come first; Prefer: example=NAME picks a named one, also through a $ref")
    func examples() throws {
        let responder = try Self.responder()
        let body = #"{"email": "a@b.co", "quantity": 2}"#
        let first = responder.respond(to: Self.post("/orders", body))
        #expect(first.status == 201)
        #expect(first.json == ["id": 1, "email": "small@example.com", "quantity": 1])
        #expect(first.header("X-Weft-Mock-Source") == "example=small")
        let large = responder.respond(to: Self.post("/orders", body, [("Prefer", "example=large")]))
        #expect(large.json?["quantity"] == 90)
        #expect(large.header("X-Weft-Mock-Source") == "example=large")
        let unknown = responder.respond(to: Self.post("/orders", body, [("Prefer", "example=huge")]))
        #expect(unknown.status == 400)
        let message = unknown.json?["error"]?["reasons"]?[0]?["message"]?.stringValue ?? ""
        #expect(message.contains("huge") && message.contains("`small`") && message.contains("`large`"), "\(message)")
        #expect(responder.respond(to: Self.get("/orders/summary")).json == ["count": 3])
    }

    @Test("X-Weft-Mock-Status asks for a documented response: exact, then default; undocumented ones are refused")
    func statusControl() throws {
        let responder = try Self.responder()
        let body = #"{"email": "a@b.co", "quantity": 2}"#
        let refused = responder.respond(to: Self.post("/orders", body, [("X-Weft-Mock-Status", "422")]))
        #expect(refused.status == 422 && refused.json == ["error": "out of stock"])
        let fallback = responder.respond(to: Self.post("/orders", body, [("X-Weft-Mock-Status", "503")]))
        #expect(fallback.status == 503)
        try Self.expectConforming(fallback, to: "#/components/schemas/Error", in: responder)
        let missing = responder.respond(to: Self.get("/orders/3", [("X-Weft-Mock-Status", "404")]))
        #expect(missing.status == 404 && missing.json?["message"]?.stringValue != nil)
        let undocumented = responder.respond(to: Self.get("/orders/3", [("X-Weft-Mock-Status", "418")]))
        #expect(undocumented.status == 400)
        #expect(undocumented.serializedReasons.contains("418 is not a documented response of getOrder"))
        let garbled = responder.respond(to: Self.get("/orders/3", [("X-Weft-Mock-Status", "soon")]))
        #expect(garbled.status == 400)
        let gone = responder.respond(to: MockRequest(method: "DELETE", target: "/orders/3"))
        #expect(gone.status == 204 && gone.body.isEmpty)
    }

    @Test("every problem of a request is listed in one 400")
    func validation() throws {
        let responder = try Self.responder()
        let listing = responder.respond(to: Self.get("/orders?limit=abc&status=lost&ids=1,x"))
        #expect(listing.status == 400)
        let reasons = listing.json?["error"]?["reasons"]?.arrayValue ?? []
        #expect(reasons.count == 4, "\(reasons)")
        #expect(reasons.contains { $0["name"] == "limit" && $0["in"] == "query" })
        #expect(reasons.contains { $0["name"] == "status" })
        #expect(reasons.contains { $0["name"] == "ids" })
        #expect(reasons.contains { $0["name"] == "X-Tenant" && $0["in"] == "header" })
        #expect(listing.json?["error"]?["operation"] == "listOrders")

        let body = responder.respond(to: Self.post("/orders", #"{"quantity": 0, "note": "far too long a note"}"#))
        #expect(body.status == 400)
        let bodyReasons = body.json?["error"]?["reasons"]?.arrayValue ?? []
        #expect(bodyReasons.contains { $0["pointer"] == "/quantity" }, "\(bodyReasons)")
        #expect(bodyReasons.contains { $0["pointer"] == "/note" })
        #expect(bodyReasons.contains { $0["message"]?.stringValue?.contains("email") == true })

        #expect(responder.respond(to: Self.post("/orders", "{nope")).serializedReasons.contains("not valid JSON"))
        #expect(
            responder.respond(to: Self.post("/orders", "")).serializedReasons.contains("a request body is required"))
        let wrongType = responder.respond(
            to: MockRequest(
                method: "POST", target: "/orders", headers: [("Content-Type", "text/csv")], body: Array("a,b".utf8)))
        #expect(wrongType.serializedReasons.contains("`text/csv` is not accepted"))
        #expect(responder.respond(to: Self.get("/orders/0")).serializedReasons.contains("orderId"))
        #expect(responder.respond(to: Self.get("/orders/x1")).status == 400)
        #expect(responder.respond(to: Self.get("/files/report.csv")).status == 200)
        #expect(responder.respond(to: Self.get("/files/report.xml")).status == 400)
    }

    @Test("unknown paths answer 404, known paths with another method 405 with Allow; base paths are accepted")
    func routing() throws {
        let responder = try Self.responder()
        let missing = responder.respond(to: Self.get("/customers"))
        #expect(
            missing.status == 404 && missing.json?["error"]?["message"]?.stringValue?.contains("/customers") == true)
        let wrongMethod = responder.respond(to: MockRequest(method: "PATCH", target: "/orders/3"))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.header("Allow") == "GET, DELETE")
        #expect(responder.respond(to: Self.get("/orders/summary")).header("X-Weft-Mock-Source") == "example")
        let based = responder.respond(to: Self.get("/api/v2/orders/9"))
        #expect(based.status == 200)
        #expect(responder.respond(to: Self.get("/orders/9/")).status == 200)
    }

    @Test("Accept picks among documented media types")
    func negotiation() throws {
        let responder = try Self.responder()
        let text = responder.respond(to: Self.get("/orders/5", [("Accept", "text/plain")]))
        #expect(text.header("Content-Type") == "text/plain" && String(decoding: text.body, as: UTF8.self) == "an order")
        let json = responder.respond(to: Self.get("/orders/5", [("Accept", "text/html, application/*;q=0.8")]))
        #expect(json.header("Content-Type") == "application/json")
    }

    @Test("error injection answers 500 or 503 for about the asked share, the same way for the same seed")
    func errorInjection() throws {
        func statuses(seed: UInt64) throws -> [Int] {
            let responder = try Self.responder(MockOptions(seed: seed, errorRate: 0.3))
            return (1...200).map { responder.respond(to: Self.get("/orders/\($0)")).status }
        }
        let first = try statuses(seed: 5)
        #expect(try statuses(seed: 5) == first)
        #expect(try statuses(seed: 6) != first)
        let failures = first.filter { $0 != 200 }
        #expect(Set(failures).isSubset(of: [500, 503]) && Set(failures).count == 2)
        #expect((30...90).contains(failures.count), "\(failures.count) of 200")

        // The same request, repeated, is drawn again each time: a retry can succeed.
        let responder = try Self.responder(MockOptions(seed: 5, errorRate: 0.5))
        let repeated = (0..<40).map { _ in responder.respond(to: Self.get("/orders/1")).status }
        #expect(repeated.contains(200) && repeated.contains { $0 >= 500 })
        let injected = repeated.firstIndex { $0 >= 500 }.map { _ in
            (0..<40).lazy.map { _ in responder.respond(to: Self.get("/orders/1")) }.first { $0.status >= 500 }
        }
        #expect(injected??.header("X-Weft-Mock-Source") == "injected")
        // A documented default response gives the injected failure its body.
        let create = try Self.responder(MockOptions(seed: 1, errorRate: 1))
        let failed = create.respond(to: Self.post("/orders", #"{"email": "a@b.co", "quantity": 2}"#))
        #expect([500, 503].contains(failed.status))
        try Self.expectConforming(failed, to: "#/components/schemas/Error", in: create)
        // Invalid requests and asked-for statuses are not replaced.
        #expect(create.respond(to: Self.post("/orders", "{}")).status == 400)
        #expect(create.respond(to: Self.get("/orders/1", [("X-Weft-Mock-Status", "200")])).status == 200)
    }

    @Test("latency: a fixed wait, or one drawn from the range deterministically")
    func latency() throws {
        let fixed = try Self.responder(MockOptions(latency: MockLatency(parsing: "50ms")))
        #expect(fixed.respond(to: Self.get("/orders/1")).delay == .milliseconds(50))
        #expect(fixed.respond(to: Self.get("/nowhere")).delay == .milliseconds(50))
        let range = try #require(MockLatency(parsing: "20ms-200ms"))
        #expect(range.minimum == .milliseconds(20) && range.maximum == .milliseconds(200))
        let ranged = try Self.responder(MockOptions(seed: 9, latency: range))
        let waits = (1...50).map { ranged.respond(to: Self.get("/orders/\($0)")).delay }
        #expect(waits.allSatisfy { $0 >= .milliseconds(20) && $0 <= .milliseconds(200) })
        #expect(Set(waits).count > 10)
        let again = try Self.responder(MockOptions(seed: 9, latency: range))
        #expect((1...50).map { again.respond(to: Self.get("/orders/\($0)")).delay } == waits)
        #expect(MockLatency(parsing: "soon") == nil && MockLatency(parsing: "1s-") == nil)
        #expect(try Self.responder().respond(to: Self.get("/orders/1")).delay == .zero)
    }

    static let swagger = """
        {
          "swagger": "2.0",
          "basePath": "/api",
          "consumes": ["application/x-www-form-urlencoded", "application/json"],
          "produces": ["application/json"],
          "paths": {
            "/chat.postMessage": {
              "post": {
                "operationId": "chat_postMessage",
                "parameters": [
                  { "name": "token", "in": "header", "type": "string", "required": true },
                  { "name": "channel", "in": "formData", "type": "string", "required": true },
                  { "name": "as_user", "in": "formData", "type": "boolean" },
                  { "name": "count", "in": "formData", "type": "integer", "maximum": 10 }
                ],
                "responses": {
                  "200": {
                    "description": "ok",
                    "schema": { "$ref": "#/definitions/Message" },
                    "examples": { "application/json": { "ok": true, "ts": "1.0" } }
                  }
                }
              }
            },
            "/users/{id}": {
              "put": {
                "parameters": [
                  { "name": "id", "in": "path", "type": "integer", "required": true },
                  { "name": "user", "in": "body", "required": true, "schema": { "$ref": "#/definitions/User" } },
                  { "name": "tags", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "pipes" }
                ],
                "responses": { "200": { "description": "ok", "schema": { "$ref": "#/definitions/User" } } }
              }
            }
          },
          "definitions": {
            "Message": { "type": "object", "properties": { "ok": { "type": "boolean" }, "ts": { "type": "string" } } },
            "User": {
              "type": "object", "required": ["name"],
              "properties": { "name": { "type": "string" }, "age": { "type": "integer", "minimum": 0 } }
            }
          }
        }
        """

    @Test("Swagger 2.0: basePath, formData and body parameters, collection formats and response examples")
    func swagger2() throws {
        let responder = MockResponder(document: try OpenAPIDocument(text: Self.swagger))
        let form = [("Content-Type", "application/x-www-form-urlencoded"), ("token", "xoxb")]
        let posted = responder.respond(
            to: MockRequest(
                method: "POST", target: "/api/chat.postMessage", headers: form,
                body: Array("channel=C1&as_user=true".utf8)))
        #expect(posted.status == 200 && posted.json == ["ok": true, "ts": "1.0"])
        let bad = responder.respond(
            to: MockRequest(
                method: "POST", target: "/chat.postMessage",
                headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("as_user=maybe&count=11".utf8)))
        #expect(bad.status == 400)
        #expect(bad.json?["error"]?["reasons"]?.arrayValue?.count == 4, "\(bad.serializedReasons)")
        let json = responder.respond(
            to: MockRequest(
                method: "POST", target: "/chat.postMessage",
                headers: [("Content-Type", "application/json"), ("token", "t")],
                body: Array(#"{"channel": "C1", "count": 3}"#.utf8)))
        #expect(json.status == 200)

        let put = responder.respond(
            to: MockRequest(
                method: "PUT", target: "/users/3?tags=a|b", headers: [("Content-Type", "application/json")],
                body: Array(#"{"name": "Ada"}"#.utf8)))
        #expect(put.status == 200 && put.json?["name"]?.stringValue != nil)
        let invalid = responder.respond(
            to: MockRequest(
                method: "PUT", target: "/users/x", headers: [("Content-Type", "application/json")],
                body: Array(#"{"age": -1}"#.utf8)))
        #expect(invalid.json?["error"]?["reasons"]?.arrayValue?.count == 3, "\(invalid.serializedReasons)")
    }
}

extension MockResponse {
    /// The reasons of a mock error, as one text to search.
    var serializedReasons: String {
        json?["error"]?["reasons"]?.serialized() ?? ""
    }
}
