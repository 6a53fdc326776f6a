import JSONata
import WeftJSON
import WeftModel
import WeftRuntime

/// Signing a connection in through the provider's consent page: for apps whose auth is `oauth2_refresh_token`
/// with an `authorize_url`. The code the provider sends back is redeemed for tokens, and the refresh token is
/// stored in the connection field that the app's `refresh_token` template reads.
public enum OAuth2SignIn {
    /// The connection field holding the refresh token: the `refresh_token` template must be exactly
    /// `{{ $connection.NAME }}` (nil when the app cannot sign in this way).
    public static func refreshTokenField(of app: AppManifest) -> String? {
        guard case .oauth2RefreshToken(let settings) = app.auth, settings.authorizeURL != nil,
            let template = settings.refreshToken?.source
        else { return nil }
        let trimmed = template.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}") else { return nil }
        let inner = trimmed.dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
        guard inner.hasPrefix("$connection.") else { return nil }
        let name = String(inner.dropFirst("$connection.".count))
        return app.connectionFields[name] != nil ? name : nil
    }

    /// The grant for `app` with `connection`'s values (its templates rendered), sending the person back to
    /// `redirectURI`; a configuration failure says why the app cannot sign in this way.
    public static func grant(app: AppManifest, connection: ConnectionValues, redirectURI: String)
        throws(StepFailure) -> OAuth2AuthorizationCode
    {
        guard case .oauth2RefreshToken(let settings) = app.auth, let authorizeURL = settings.authorizeURL,
            refreshTokenField(of: app) != nil
        else { throw notBrowserSignIn(app) }
        // The token endpoint, client and scope render exactly as they do for the app's requests.
        let bindings: [String: JSON] = ["connection": connection.completed(for: app).values.binding]
        let options = EvaluationOptions()
        guard
            case .oauth2RefreshToken(let refresh) = try RenderedAuth.render(
                app.auth, bindings: bindings, options: options)
        else { throw notBrowserSignIn(app) }
        let address: String
        do throws(JSONataError) {
            address = try authorizeURL.render(nil, bindings: bindings, options: options)
        } catch {
            throw StepFailure(.expression, "the auth `authorize_url` template failed: \(error)")
        }
        return OAuth2AuthorizationCode(
            authorizeURL: address, tokenURL: refresh.tokenURL, clientID: refresh.clientID,
            clientSecret: refresh.clientSecret, scope: refresh.scope, redirectURI: redirectURI,
            additionalParameters: refresh.additionalParameters, clientAuthentication: refresh.clientAuthentication)
    }

    private static func notBrowserSignIn(_ app: AppManifest) -> StepFailure {
        StepFailure(
            .configuration,
            "the app `\(app.id)` does not sign in through a browser: its auth must be `oauth2_refresh_token` with "
                + "an `authorize_url` and `refresh_token: \"{{ $connection.FIELD }}\"`")
    }

    /// Redeems `code` at the token endpoint through `transport` (the egress-guarded client on a server).
    public static func redeem(
        _ grant: OAuth2AuthorizationCode, code: String, verifier: String, transport: any HTTPTransport, now: Int64
    ) async throws(StepFailure) -> OAuth2Token {
        let tokenRequest: OAuth2TokenRequest
        do throws(AuthError) {
            tokenRequest = try grant.tokenRequest(code: code, verifier: verifier)
        } catch {
            throw StepFailure(.configuration, "cannot request tokens: \(error.message)")
        }
        let response = try await transport.perform(
            HTTPRequest(
                method: .POST, url: tokenRequest.url, headers: tokenRequest.headers, body: tokenRequest.body),
            timeout: .seconds(30))
        do throws(AuthError) {
            return try grant.parseTokenResponse(
                status: response.status, body: response.body, now: now, code: code, verifier: verifier)
        } catch {
            throw StepFailure(.httpStatus, "the provider refused the sign-in: \(error.message)")
        }
    }
}
