import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

/// `body_format: form`: the body object sent as `application/x-www-form-urlencoded`, nested fields in brackets.
@Suite struct AppClientFormBodyTests {
    static let manifest = """
        weft: 1
        app: form_test
        name: Form test
        version: 1.0.0
        base_url: "BASE/v1"
        actions:
          create_customer: { method: POST, path: /customers, body: $, body_format: form }
          send_text: { method: POST, path: /messages, body: '$.text', body_format: form }
        """

    @Test func nestedFieldsListsAndScalarsAreEncodedWithBrackets() async throws {
        try await AppTestSupport.withServer(
            { _ in .json(#"{"id":"cus_1"}"#) },
            run: { server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                let input: JSON = [
                    "email": "ada+test@example.com", "name": "Ada Lovelace", "balance": 12.5, "tax_exempt": false,
                    "address": ["city": "Paris", "line1": "1 rue & co"], "expand": ["sources", "tax"],
                    "items": [["price": "p_1", "quantity": 2]], "description": .null,
                ]
                #expect(
                    try await client.call(action: "create_customer", input: input, context: AppTestSupport.context())
                        == ["id": "cus_1"])
                let request = try #require(server.requests.first)
                #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
                #expect(
                    request.bodyText
                        == "email=ada%2Btest%40example.com&name=Ada+Lovelace&balance=12.5&tax_exempt=false"
                        + "&address%5Bcity%5D=Paris&address%5Bline1%5D=1+rue+%26+co&expand%5B%5D=sources&expand%5B%5D=tax"
                        + "&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2")
            })
    }

    @Test func aBodyThatIsNotAnObjectCannotBeAForm() async throws {
        try await AppTestSupport.withServer(
            { _ in .json("{}") },
            run: { server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                let failure = await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(
                        action: "send_text", input: ["text": "hello"], context: AppTestSupport.context())
                }
                #expect(failure?.kind == .validation)
                #expect(
                    failure?.message.contains("a form body must be an object") == true, "\(String(describing: failure))"
                )
                #expect(server.requests.isEmpty, "nothing was sent")
            })
    }
}
