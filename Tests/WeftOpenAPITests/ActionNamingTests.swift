import Testing

@testable import WeftOpenAPI

@Suite("Action naming")
struct ActionNamingTests {
    @Test(
        "operation ids become snake_case",
        arguments: [
            ("listPets", "list_pets"), ("GetAccountsAccount", "get_accounts_account"),
            ("repos/get-content", "repos_get_content"), ("getHTTPServer", "get_http_server"),
            ("chat.postMessage", "chat_post_message"), ("listV1Customers", "list_v1_customers"),
            ("ListAccount", "list_account"), ("already_snake", "already_snake"), ("2fa-enable", "op_2fa_enable"),
            ("  spaced  Words ", "spaced_words"),
        ])
    func snakeCase(input: String, expected: String) {
        #expect(ActionNaming.snakeCase(input) == expected)
    }

    @Test("without an operation id, the method and path make the name")
    func methodAndPath() {
        #expect(ActionNaming.fromMethodAndPath("get", "/pets/{petId}") == "get_pets_by_pet_id")
        #expect(ActionNaming.fromMethodAndPath("POST", "/v1/orders.json") == "post_v1_orders_json")
        #expect(ActionNaming.fromMethodAndPath("delete", "/") == "delete")
    }

    @Test("taken names get a counter")
    func uniqueness() {
        #expect(ActionNaming.unique("list", in: []) == "list")
        #expect(ActionNaming.unique("list", in: ["list"]) == "list_2")
        #expect(ActionNaming.unique("list", in: ["list", "list_2"]) == "list_3")
    }

    @Test("input members that are not plain JSONata names are quoted")
    func inputExpressions() {
        #expect(ActionNaming.inputExpression("owner") == "owner")
        #expect(ActionNaming.inputExpression("X-Request-Id") == "`X-Request-Id`")
        #expect(ActionNaming.inputExpression("expand[]") == "`expand[]`")
        #expect(ActionNaming.inputExpression("in") == "`in`")
        #expect(ActionNaming.inputExpression("$top") == "`$top`")
    }

    @Test("names in a document are unique and fall back to method and path, with a diagnostic")
    func namesInADocument() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /pets:
                        get: { operationId: listPets, responses: { "200": { description: ok } } }
                        post: { operationId: list-pets, responses: { "201": { description: ok } } }
                      /pets/{id}:
                        get:
                          parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
                          responses: { "200": { description: ok } }
                    """))
        let names = result.manifest["actions"]?.objectValue?.keys.map { $0 } ?? []
        #expect(names == ["list_pets", "list_pets_2", "get_pets_by_id"])
        #expect(result.codes.filter { $0 == "action-name" }.count == 2)
    }
}

@Suite("Description text")
struct DescriptionTextTests {
    @Test("HTML tags are taken out of action descriptions; other text is kept")
    func plainText() {
        #expect(
            DescriptionText.plain("<p>Retrieves a <code>charge</code>.</p><p>See <a href=\"https://x\">docs</a>.</p>")
                == "Retrieves a charge.\nSee docs.")
        #expect(DescriptionText.plain("a < b and c > d") == "a < b and c > d")
        #expect(DescriptionText.plain("List<T> of <owner>") == "List<T> of <owner>")
        #expect(DescriptionText.plain("no tags at all") == "no tags at all")
    }
}
