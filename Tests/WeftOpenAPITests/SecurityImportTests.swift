import Testing
import WeftJSON

@testable import WeftOpenAPI

@Suite("Importing security schemes")
struct SecurityImportTests {
    static func document(_ schemes: String, security: String = "") -> String {
        openAPI(
            paths: """
                  /things:
                    get:
                      operationId: me
                      parameters: [{ name: X-Api-Key, in: header, schema: { type: string } }]
                      responses: { "200": { description: ok } }
                """,
            extra: "components:\n  securitySchemes:\n\(schemes)\n\(security)")
    }

    @Test("an API key in a header or the query")
    func apiKey() throws {
        let header = try importDocument(Self.document("    key: { type: apiKey, in: header, name: X-Api-Key }"))
        #expect(
            header.manifest["auth"] == ["type": "header", "name": "X-Api-Key", "value": "{{ $connection.api_key }}"])
        #expect(header.manifest["connection"]?["fields"]?["api_key"]?["secret"] == true)
        #expect(header.action("me")?["headers"] == nil, "the auth header is not asked for again")
        let query = try importDocument(Self.document("    key: { type: apiKey, in: query, name: api_key }"))
        #expect(query.manifest["auth"] == ["type": "query", "name": "api_key", "value": "{{ $connection.api_key }}"])
    }

    @Test("HTTP basic and bearer")
    func http() throws {
        let basic = try importDocument(Self.document("    b: { type: http, scheme: basic }"))
        #expect(
            basic.manifest["auth"]
                == [
                    "type": "basic", "username": "{{ $connection.username }}", "password": "{{ $connection.password }}",
                ])
        #expect(basic.manifest["connection"]?["fields"]?["password"]?["secret"] == true)
        let bearer = try importDocument(Self.document("    t: { type: http, scheme: bearer, bearerFormat: JWT }"))
        #expect(bearer.manifest["auth"] == ["type": "bearer", "token": "{{ $connection.access_token }}"])
    }

    @Test("OAuth 2.0 client credentials, with the scopes the requirement asks for")
    func clientCredentials() throws {
        let result = try importDocument(
            Self.document(
                """
                    o:
                      type: oauth2
                      flows:
                        clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: { read: r, write: w } }
                """, security: "security: [{ o: [read, write] }]"))
        #expect(
            result.manifest["auth"]
                == [
                    "type": "oauth2_client_credentials", "token_url": "https://auth.example.com/token",
                    "client_id": "{{ $connection.client_id }}", "client_secret": "{{ $connection.client_secret }}",
                    "scope": "read write",
                ])
        #expect(result.diagnostics.isEmpty)
    }

    @Test("OAuth 2.0 authorization code becomes a refresh token grant with browser sign-in, with a diagnostic")
    func authorizationCode() throws {
        let result = try importDocument(
            Self.document(
                """
                    o:
                      type: oauth2
                      flows:
                        authorizationCode:
                          authorizationUrl: https://auth.example.com/authorize
                          tokenUrl: https://auth.example.com/token
                          scopes: {}
                """))
        #expect(
            result.manifest["auth"]
                == [
                    "type": "oauth2_refresh_token", "authorize_url": "https://auth.example.com/authorize",
                    "token_url": "https://auth.example.com/token", "client_id": "{{ $connection.client_id }}",
                    "client_secret": "{{ $connection.client_secret }}",
                    "refresh_token": "{{ $connection.refresh_token }}",
                ])
        let field = try #require(result.manifest["connection"]?["fields"]?["refresh_token"])
        #expect(field["secret"] == true)
        #expect(field["required"] == false, "a server signs the connection in and fills it")
        #expect(result.codes == ["auth-oauth2"])
    }

    @Test("OAuth 2.0 implicit, and OpenID Connect, become a bearer token with a diagnostic")
    func unsupportedFlows() throws {
        let implicit = try importDocument(
            Self.document(
                "    o: { type: oauth2, flows: { implicit: { authorizationUrl: https://a.example.com, scopes: {} } } }")
        )
        #expect(implicit.manifest["auth"]?["type"] == "bearer")
        #expect(implicit.codes == ["auth-oauth2"])
        let openID = try importDocument(
            Self.document("    o: { type: openIdConnect, openIdConnectUrl: https://a.example.com/.well-known }"))
        #expect(openID.manifest["auth"]?["type"] == "bearer")
        #expect(openID.codes == ["auth-openid-connect"])
    }

    @Test("Swagger 2.0 basic and OAuth 2.0 application flow")
    func swagger() throws {
        func swagger(_ definitions: String) throws -> OpenAPIImport {
            try importDocument(
                """
                swagger: "2.0"
                info: { title: S, version: 1.0.0 }
                host: example.com
                paths: {}
                securityDefinitions:
                \(definitions)
                """)
        }
        #expect(try swagger("  b: { type: basic }").manifest["auth"]?["type"] == "basic")
        let application = try swagger("  o: { type: oauth2, flow: application, tokenUrl: https://example.com/t }")
        #expect(application.manifest["auth"]?["type"] == "oauth2_client_credentials")
        #expect(application.manifest["auth"]?["token_url"] == "https://example.com/t")
    }

    @Test("of alternative requirements the first is used; without requirements, the one operations use")
    func choosing() throws {
        let alternatives = try importDocument(
            Self.document(
                "    b: { type: http, scheme: basic }\n    t: { type: http, scheme: bearer }",
                security: "security: [{ t: [] }, { b: [] }]"))
        #expect(alternatives.manifest["auth"]?["type"] == "bearer")
        #expect(alternatives.codes == ["security"])
        let byOperation = try importDocument(
            openAPI(
                paths: """
                      /me:
                        get: { operationId: me, security: [{ t: [] }], responses: { "200": { description: ok } } }
                    """,
                extra:
                    "components:\n  securitySchemes:\n    b: { type: http, scheme: basic }\n    t: { type: http, scheme: bearer }"
            ))
        #expect(byOperation.manifest["auth"]?["type"] == "bearer")
    }

    @Test("operation-level security, servers and callbacks that the app cannot hold are reported")
    func operationOverrides() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /public:
                        get: { operationId: open, security: [], responses: { "200": { description: ok } } }
                      /admin:
                        servers: [{ url: "https://admin.example.com" }]
                        post:
                          operationId: admin
                          security: [{ other: [] }]
                          callbacks: { done: { "{$request.body#/url}": { post: { responses: { "200": { description: ok } } } } } }
                          responses: { "200": { description: ok } }
                    """,
                extra: """
                    security: [{ t: [] }]
                    components:
                      securitySchemes:
                        t: { type: http, scheme: bearer }
                        other: { type: apiKey, in: header, name: X-Key }
                    """))
        #expect(result.codes == ["operation-security", "operation-servers", "operation-security", "callbacks"])
        #expect(result.diagnostics[0].message.contains("need no authentication"))
        #expect(result.diagnostics[2].hint == "they require: other")
    }

    @Test("a GET of the current user or account without inputs becomes the connection test")
    func connectionTest() throws {
        let result = try importDocument(
            openAPI(
                paths: """
                      /repos/{owner}:
                        get:
                          operationId: getRepo
                          parameters: [{ name: owner, in: path, required: true, schema: { type: string } }]
                          responses: { "200": { description: ok } }
                      /v1/account:
                        get: { operationId: getAccount, responses: { "200": { description: ok } } }
                      /user:
                        get: { operationId: getAuthenticated, responses: { "200": { description: ok } } }
                        patch: { operationId: updateAuthenticated, responses: { "200": { description: ok } } }
                    """,
                extra: "components:\n  securitySchemes:\n    t: { type: http, scheme: bearer }"))
        #expect(result.manifest["connection"]?["test"] == ["action": "get_authenticated"])
        #expect(result.codes == ["connection-test"])
        let app = try app(result)
        #expect(app.connectionTest?.action == "get_authenticated")
        let none = try importDocument(openAPI(paths: "  /items:\n    get: { operationId: list, responses: {} }"))
        #expect(none.manifest["connection"]?["test"] == nil)
    }
}
