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
        else {
            throw StepFailure(
                .configuration,
                "the app `\(app.id)` does not sign in through a browser: its auth must be `oauth2_refresh_token` with "
                    + "an `authorize_url` and `refresh_token: \"{{ $connection.FIELD }}\"`")
        }
        let bindings: [String: JSON] = ["connection": connection.completed(for: app).values.binding]
        let options = EvaluationOptions()
        func text(_ template: Template, _ field: String) throws(StepFailure) -> String {
            do throws(JSONataError) {
                return try template.render(nil, bindings: bindings, options: options)
            } catch {
                throw StepFailure(.expression, "the auth `\(field)` template failed: \(error)")
            }
        }
        let secret = try text(settings.clientSecret, "client_secret")
        let scope = try settings.scope.map { template throws(StepFailure) in try text(template, "scope") }
        var parameters: [(name: String, value: String)] = []
        for (name, template) in settings.parameters { parameters.append((name, try text(template, "params.\(name)"))) }
        return OAuth2AuthorizationCode(
            authorizeURL: try text(authorizeURL, "authorize_url"), tokenURL: try text(settings.tokenURL, "token_url"),
            clientID: try text(settings.clientId, "client_id"),
            clientSecret: secret.isEmpty ? nil : SecretString(secret),
            scope: scope.flatMap { $0.isEmpty ? nil : $0 }, redirectURI: redirectURI,
            additionalParameters: parameters,
            clientAuthentication: settings.clientAuthentication == .basic ? .basic : .requestBody)
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
