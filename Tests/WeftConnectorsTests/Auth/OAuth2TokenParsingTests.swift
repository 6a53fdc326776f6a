import Testing

@testable import WeftConnectors

@Suite struct OAuth2TokenParsingTests {
    func parse(_ json: String, status: Int = 200, now: Int64 = 1_000) throws(AuthError) -> OAuth2Token {
        try OAuth2Token.parse(status: status, body: Array(json.utf8), now: now)
    }

    func error(_ body: String, status: Int, grant: OAuth2ClientCredentials? = nil) -> AuthError? {
        do {
            if let grant {
                _ = try grant.parseTokenResponse(status: status, body: Array(body.utf8), now: 0)
            } else {
                _ = try parse(body, status: status)
            }
            return nil
        } catch {
            return error
        }
    }

    @Test func fullResponse() throws {
        let token = try parse(
            #"{"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"example","expires_in":3600,"#
                + #""refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"read write","example_parameter":"x"}"#)
        #expect(token.accessToken == "2YotnFZFEjr1zCsicMWpAA")
        #expect(token.tokenType == "example")
        #expect(token.expiresAt == 4_600)
        #expect(token.refreshToken == "tGzv3JOkF0XG5Qx2TlKWIA")
        #expect(token.scope == "read write")
    }

    @Test func entraIDResponse() throws {
        let token = try parse(
            #"{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"eyJ0eXAi.x.y"}"#,
            now: 1_700_000_000)
        #expect(token.expiresAt == 1_700_003_599)
        #expect(token.refreshToken == nil)
        #expect(token.scope == nil)
        #expect(token.authorizationHeaderValue == "Bearer eyJ0eXAi.x.y")
    }

    @Test func withoutExpiresIn() throws {
        let token = try parse(#"{"access_token":"abc","token_type":"bearer"}"#)
        #expect(token.expiresAt == nil)
        #expect(!token.isExpired(at: .max, skew: 60))
        #expect(token.authorizationHeaderValue == "Bearer abc")
        #expect(try parse(#"{"access_token":"abc","expires_in":null}"#).expiresAt == nil)
    }

    @Test func lenientFields() throws {
        // expires_in as a string (Entra ID's v1 endpoint), fractional, negative; token_type missing.
        #expect(try parse(#"{"access_token":"a","expires_in":"3599"}"#).expiresAt == 4_599)
        #expect(try parse(#"{"access_token":"a","expires_in":59.9}"#).expiresAt == 1_059)
        #expect(try parse(#"{"access_token":"a","expires_in":-5}"#).expiresAt == 1_000)
        #expect(try parse(#"{"access_token":"a","expires_in":1e300}"#).expiresAt == 3_155_761_000)
        #expect(try parse(#"{"access_token":"a"}"#).tokenType == "Bearer")
        #expect(try parse(#"{"access_token":"a","refresh_token":""}"#).refreshToken == nil)
        #expect(try parse(#"{"access_token":"a"}"#, status: 201).accessToken == "a")
    }

    @Test func formEncodedResponse() throws {
        let token = try parse(
            "access_token=gho_16C7e42F292c6912E7710c838347Ae178B4a&scope=repo%2Cgist&token_type=bearer")
        #expect(token.accessToken == "gho_16C7e42F292c6912E7710c838347Ae178B4a")
        #expect(token.scope == "repo,gist")
    }

    @Test func invalidSuccessResponses() {
        #expect(error(#"{"token_type":"Bearer"}"#, status: 200)?.code == .invalidTokenResponse)
        #expect(error(#"{"access_token":""}"#, status: 200)?.code == .invalidTokenResponse)
        #expect(error(#"{"access_token":5}"#, status: 200)?.code == .invalidTokenResponse)
        #expect(error(#"{"access_token":"a","expires_in":"soon"}"#, status: 200)?.code == .invalidTokenResponse)
        #expect(error(#"{"access_token":"a","expires_in":true}"#, status: 200)?.code == .invalidTokenResponse)
        #expect(error("<html>ok</html>", status: 200)?.code == .invalidTokenResponse)
        #expect(error(#"["access_token"]"#, status: 200)?.code == .invalidTokenResponse)
        #expect(error("", status: 200)?.message == "the token endpoint's answer is not a JSON object")
    }

    @Test func oauthErrorResponse() throws {
        let failure = try #require(
            error(
                #"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","#
                    + #""error_codes":[7000215],"trace_id":"t"}"#, status: 401))
        #expect(failure.code == .tokenRequestRejected)
        #expect(failure.oauthError == "invalid_client")
        #expect(failure.httpStatus == 401)
        #expect(
            failure.message
                == "the token endpoint refused the request (HTTP 401): invalid_client: "
                + "AADSTS7000215: Invalid client secret provided.")
        #expect("\(failure)" == failure.message)
    }

    @Test func oauthErrorWithoutDescriptionAndWithSuccessStatus() throws {
        // Some servers (GitHub among them) answer 200 with an error.
        let failure = try #require(error(#"{"error":"bad_verification_code"}"#, status: 200))
        #expect(failure.code == .tokenRequestRejected)
        #expect(failure.message == "the token endpoint refused the request (HTTP 200): bad_verification_code")
        let form = try #require(error("error=invalid_grant&error_description=Bad+grant", status: 400))
        #expect(form.message == "the token endpoint refused the request (HTTP 400): invalid_grant: Bad grant")
    }

    @Test func httpErrorWithoutOAuthError() throws {
        let failure = try #require(error("<html><body>Bad Gateway: secret=abc</body></html>", status: 502))
        #expect(failure.code == .tokenRequestRejected)
        #expect(failure.httpStatus == 502)
        #expect(failure.message == "the token endpoint answered HTTP 502 without an OAuth error")
        #expect(error(#"{"message":"nope"}"#, status: 403)?.message.contains("HTTP 403") == true)
    }

    @Test func errorMessagesNeverContainTheClientSecret() throws {
        let grant = OAuth2ClientCredentials(
            tokenURL: "https://auth.example.com/token", clientID: "app", clientSecret: "Zq8~secret.value")
        let failure = try #require(
            error(
                #"{"error":"invalid_client","error_description":"client_secret 'Zq8~secret.value' is wrong\n\tretry"}"#,
                status: 401, grant: grant))
        #expect(!failure.message.contains("Zq8~secret.value"))
        #expect(!"\(failure)".contains("Zq8~secret.value"))
        #expect(!String(reflecting: failure).contains("Zq8~secret.value"))
        #expect(failure.message.hasSuffix("invalid_client: client_secret '********' is wrong  retry"))
        // A body that is not an OAuth error never reaches the message.
        let html = try #require(error("<p>Zq8~secret.value</p>", status: 500, grant: grant))
        #expect(!html.message.contains("Zq8~secret.value"))
    }

    @Test func longDescriptionsAreCut() throws {
        let long = String(repeating: "x", count: 5_000)
        let failure = try #require(error(#"{"error":"server_error","error_description":"\#(long)"}"#, status: 500))
        #expect(failure.message.count < 600)
        #expect(failure.message.hasSuffix("..."))
    }

    @Test func refreshKeepsOrRotatesTheRefreshToken() throws {
        let grant = OAuth2RefreshToken(
            tokenURL: "https://auth.example.com/token", clientID: "app", clientSecret: "shh", refreshToken: "old-rt")
        let kept = try grant.parseTokenResponse(
            status: 200, body: Array(#"{"access_token":"a","expires_in":60}"#.utf8), now: 10)
        #expect(kept.refreshToken == "old-rt")
        #expect(kept.expiresAt == 70)
        let rotated = try grant.parseTokenResponse(
            status: 200, body: Array(#"{"access_token":"a","refresh_token":"new-rt"}"#.utf8), now: 10)
        #expect(rotated.refreshToken == "new-rt")
    }

    @Test func refreshErrorsNeverContainTheRefreshToken() throws {
        let grant = OAuth2RefreshToken(
            tokenURL: "https://auth.example.com/token", clientID: "app", clientSecret: "shh",
            refreshToken: "rt-0123456789")
        do {
            _ = try grant.parseTokenResponse(
                status: 400,
                body: Array(#"{"error":"invalid_grant","error_description":"rt-0123456789 expired (shh)"}"#.utf8),
                now: 0)
            Issue.record("expected an error")
        } catch {
            #expect(error.oauthError == "invalid_grant")
            #expect(error.message.hasSuffix("invalid_grant: ******** expired (********)"))
        }
    }

    @Test func tokenDescriptionHidesSecrets() throws {
        let token = try parse(#"{"access_token":"AT-123","refresh_token":"RT-456","expires_in":5}"#)
        for text in ["\(token)", String(reflecting: token), dumped(token)] {
            #expect(!text.contains("AT-123"))
            #expect(!text.contains("RT-456"))
        }
    }

    @Test func expiry() {
        let token = OAuth2Token(accessToken: "a", expiresAt: 100)
        #expect(!token.isExpired(at: 99))
        #expect(token.isExpired(at: 100))
        #expect(!token.isExpired(at: 39, skew: 60))
        #expect(token.isExpired(at: 40, skew: 60))
        #expect(OAuth2Token(accessToken: "a", tokenType: "MAC").authorizationHeaderValue == "MAC a")
    }
}
