/// The OAuth 2.0 refresh token grant (RFC 6749 §6): builds the token request and reads the answer.
///
/// The server may answer with a new refresh token (rotation); when it sends none, the token returned by
/// ``parseTokenResponse(status:body:now:)`` keeps the one that was used, so the next refresh still has one.
public struct OAuth2RefreshToken: Sendable {
    /// The token endpoint.
    public var tokenURL: String
    /// The client id.
    public var clientID: String
    /// The client secret, or `nil` for a public client (which sends its `client_id` in the body).
    public var clientSecret: SecretString?
    /// The refresh token to redeem.
    public var refreshToken: SecretString
    /// The requested scope (space-separated), or `nil` to keep the one originally granted.
    public var scope: String?
    /// More form parameters sent after the standard ones, in order.
    public var additionalParameters: [(name: String, value: String)]
    /// Where the client id and secret go.
    public var clientAuthentication: OAuth2ClientAuthentication

    /// Creates the grant.
    public init(
        tokenURL: String,
        clientID: String,
        clientSecret: SecretString?,
        refreshToken: SecretString,
        scope: String? = nil,
        additionalParameters: [(name: String, value: String)] = [],
        clientAuthentication: OAuth2ClientAuthentication = .requestBody
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.scope = scope
        self.additionalParameters = additionalParameters
        self.clientAuthentication = clientAuthentication
    }

    /// The token request: `POST tokenURL` with `grant_type=refresh_token&refresh_token=...`, the scope, the
    /// additional parameters and the client's credentials as ``clientAuthentication`` says.
    ///
    /// - Throws: ``AuthError`` with code ``AuthError/Code/invalidURL`` when the token URL is not an absolute
    ///   `http`/`https` URL.
    public func tokenRequest() throws(AuthError) -> OAuth2TokenRequest {
        var parameters: [(name: String, value: String)] = [
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken.reveal()),
        ]
        if let scope { parameters.append(("scope", scope)) }
        parameters += additionalParameters
        return try OAuth2TokenRequest.form(
            url: tokenURL, parameters: parameters, clientID: clientID, clientSecret: clientSecret,
            clientAuthentication: clientAuthentication)
    }

    /// Reads the token endpoint's answer (see ``OAuth2Token/parse(status:body:now:redacting:)``), keeping
    /// ``refreshToken`` when the server issued no new one. An error's message never contains the client secret
    /// or the refresh token.
    public func parseTokenResponse(status: Int, body: [UInt8], now: Int64) throws(AuthError) -> OAuth2Token {
        var secrets = [refreshToken]
        if let clientSecret { secrets.append(clientSecret) }
        var token = try OAuth2Token.parse(status: status, body: body, now: now, redacting: secrets)
        if token.refreshToken == nil { token.refreshToken = refreshToken }
        return token
    }
}
