import Testing

@testable import WeftConnectors

@Suite struct OAuth2GrantTests {
    static let tokenURL = "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"

    func bodyText(_ request: OAuth2TokenRequest) -> String {
        String(decoding: request.body, as: UTF8.self)
    }

    @Test func clientCredentialsInBodyForEntraID() throws {
        let grant = OAuth2ClientCredentials(
            tokenURL: Self.tokenURL, clientID: "11111111-2222-3333-4444-555555555555",
            clientSecret: "Ab1~x.y_z-Q8", scope: "https://api.businesscentral.dynamics.com/.default")
        let request = try grant.tokenRequest()
        #expect(request.method == "POST")
        #expect(request.url == Self.tokenURL)
        #expect(request.header("content-type") == "application/x-www-form-urlencoded")
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("Authorization") == nil)
        #expect(
            bodyText(request)
                == "grant_type=client_credentials&scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default"
                + "&client_id=11111111-2222-3333-4444-555555555555&client_secret=Ab1~x.y_z-Q8")
    }

    @Test func clientCredentialsEncodeSpacesAndReservedCharacters() throws {
        let grant = OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "my client", clientSecret: "s3cr+t/=~&x",
            scope: "read:orders write:orders",
            additionalParameters: [("audience", "https://api.example.com/"), ("résumé", "é")])
        #expect(
            bodyText(try grant.tokenRequest())
                == "grant_type=client_credentials&scope=read%3Aorders+write%3Aorders"
                + "&audience=https%3A%2F%2Fapi.example.com%2F&r%C3%A9sum%C3%A9=%C3%A9"
                + "&client_id=my+client&client_secret=s3cr%2Bt%2F%3D~%26x")
    }

    @Test func clientCredentialsWithoutScope() throws {
        let grant = OAuth2ClientCredentials(tokenURL: "http://localhost:8080/token", clientID: "a", clientSecret: "b")
        #expect(bodyText(try grant.tokenRequest()) == "grant_type=client_credentials&client_id=a&client_secret=b")
    }

    @Test func clientCredentialsAsHTTPBasic() throws {
        var grant = OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "my client", clientSecret: "s3cr+t/=~",
            scope: "api", clientAuthentication: .basic)
        var request = try grant.tokenRequest()
        #expect(bodyText(request) == "grant_type=client_credentials&scope=api")
        // RFC 6749 §2.3.1: "my+client:s3cr%2Bt%2F%3D~" in base64.
        #expect(request.header("Authorization") == "Basic bXkrY2xpZW50OnMzY3IlMkJ0JTJGJTNEfg==")

        grant.clientAuthentication = .basicUnencoded
        request = try grant.tokenRequest()
        // "my client:s3cr+t/=~" in base64.
        #expect(request.header("Authorization") == "Basic bXkgY2xpZW50OnMzY3IrdC89fg==")
        #expect(!bodyText(request).contains("client_id"))
        #expect(!bodyText(request).contains("s3cr"))
    }

    @Test func refreshTokenRequest() throws {
        let grant = OAuth2RefreshToken(
            tokenURL: "https://auth.example.com/token", clientID: "app", clientSecret: "shh",
            refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA")
        #expect(
            bodyText(try grant.tokenRequest())
                == "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=app&client_secret=shh")
    }

    @Test func refreshTokenRequestForPublicClientWithScope() throws {
        var grant = OAuth2RefreshToken(
            tokenURL: "https://auth.example.com/token", clientID: "app", clientSecret: nil,
            refreshToken: "r/t+1", scope: "offline_access openid", clientAuthentication: .basic)
        #expect(
            bodyText(try grant.tokenRequest())
                == "grant_type=refresh_token&refresh_token=r%2Ft%2B1&scope=offline_access+openid&client_id=app")
        #expect(try grant.tokenRequest().header("Authorization") == nil)
        grant.clientSecret = "pw"
        #expect(try grant.tokenRequest().header("Authorization") == "Basic YXBwOnB3")
    }

    @Test func tokenURLMustBeHTTP() {
        let grant = OAuth2ClientCredentials(tokenURL: "login.example.com/token", clientID: "a", clientSecret: "b")
        #expect(throws: AuthError.self) { try grant.tokenRequest() }
    }

    @Test func requestDescriptionHidesSecrets() throws {
        let grant = OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "id", clientSecret: "TOPSECRET",
            clientAuthentication: .basic)
        let request = try grant.tokenRequest()
        let basic = try #require(request.header("Authorization"))
        for text in ["\(request)", String(reflecting: request), dumped(request)] {
            #expect(!text.contains("TOPSECRET"))
            #expect(!text.contains(basic))
            #expect(text.contains("https://auth.example.com/token"))
        }
        let inBody = try OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "id", clientSecret: "TOPSECRET"
        ).tokenRequest()
        #expect(!"\(inBody)".contains("TOPSECRET"))
        #expect(!dumped(inBody).contains("TOPSECRET"))
    }
}

/// What `dump` prints for `value`.
func dumped(_ value: some Any) -> String {
    var text = ""
    dump(value, to: &text)
    return text
}
