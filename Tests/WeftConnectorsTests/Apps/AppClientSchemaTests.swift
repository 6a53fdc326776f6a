import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

@Suite struct AppClientSchemaTests {
    static let manifest = """
        weft: 1
        app: shop
        name: Shop
        version: 1.0.0
        base_url: "BASE"
        actions:
          create_order:
            method: POST
            path: /orders
            body: $
            input: { $ref: "#/schemas/NewOrder" }
          list_orders:
            path: /orders
            records: orders
            output: { $ref: "#/schemas/Order" }
          get_order:
            path: "/orders/{{ id }}"
            output: { $ref: "#/schemas/Order" }
        schemas:
          NewOrder:
            type: object
            required: [email, quantity]
            properties:
              email: { type: string }
              quantity: { type: integer, minimum: 1 }
          Order:
            type: object
            required: [id]
            properties: { id: { type: integer } }
        """

    @Test func inputViolationsAreListedAndNothingIsSent() async throws {
        let (failure, requests) = try await AppTestSupport.withServer(
            { _ in .json("{}") },
            run: { server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                let failure = await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(
                        action: "create_order", input: ["quantity": 0], context: AppTestSupport.context())
                }
                return (failure, server.requests)
            })
        #expect(requests.isEmpty)
        #expect(failure?.kind == .validation)
        #expect(failure?.retryable == false)
        let message = failure?.message ?? ""
        #expect(message.contains("input of `create_order`"))
        #expect(message.contains("/quantity:"))
        #expect(message.contains("email"))
    }

    @Test func validInputIsSentAsJSON() async throws {
        let (output, requests) = try await AppTestSupport.withServer(
            { _ in .json(#"{"id":1}"#, status: 201) },
            run: {
                server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                let output = try await client.call(
                    action: "create_order", input: ["email": "a@b.c", "quantity": 2], context: AppTestSupport.context())
                return (output, server.requests)
            })
        #expect(output == ["id": 1])
        #expect(requests.first?.bodyText == #"{"email":"a@b.c","quantity":2}"#)
        #expect(requests.first?.header("Content-Type") == "application/json")
        #expect(requests.first?.header("Idempotency-Key") == "run-1:call")
    }

    @Test func outputViolationsNameTheRecord() async throws {
        let failure = try await AppTestSupport.withServer(
            { _ in
                .json(#"{"orders":[{"id":1},{"id":"two"},{}]}"#)
            },
            run: { server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                return await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(action: "list_orders", input: [:], context: AppTestSupport.context())
                }
            })
        #expect(failure?.kind == .validation)
        #expect(failure?.message.contains("output of `list_orders`") == true)
        #expect(failure?.message.contains("/1/id:") == true)
        #expect(failure?.message.contains("/2") == true)
    }

    @Test func pathHolesAreEncodedAndTheBodyChecked() async throws {
        let (failure, requests) = try await AppTestSupport.withServer(
            { _ in .json(#"{"id":"x"}"#) },
            run: {
                server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                let failure = await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(
                        action: "get_order", input: ["id": "a/b c"], context: AppTestSupport.context())
                }
                return (failure, server.requests)
            })
        #expect(requests.map(\.uri) == ["/orders/a%2Fb%20c"])
        #expect(failure?.kind == .validation)
        #expect(failure?.message.contains("/id:") == true)
    }
}
