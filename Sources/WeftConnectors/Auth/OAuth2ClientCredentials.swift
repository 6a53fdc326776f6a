/// The OAuth 2.0 client credentials grant (RFC 6749 §4.4): builds the token request and reads the answer.
///
/// For Microsoft Entra ID (Business Central, Graph), the token URL is
/// `https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token` and the scope the resource's `.default`:
///
/// ```swift
/// let grant = OAuth2ClientCredentials(
///     tokenURL: "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token",
///     clientID: clientID, clientSecret: clientSecret,
///     scope: "https://api.businesscentral.dynamics.com/.default")
/// let request = try grant.tokenRequest()          // send it with the HTTP client
/// let token = try grant.parseTokenResponse(status: status, body: body, now: now)
/// ```
public struct OAuth2ClientCredentials: Sendable {
    /// The token endpoint.
    public var tokenURL: String
    /// The client id.
    public var clientID: String
    /// The client secret.
    public var clientSecret: SecretString
    /// The requested scope (space-separated), or `nil` to send none.
    public var scope: String?
    /// More form parameters sent after the standard ones, in order (`audience` for Auth0, `resource` for
    /// Entra ID's v1 endpoint, ...).
    public var additionalParameters: [(name: String, value: String)]
    /// Where the client id and secret go.
    public var clientAuthentication: OAuth2ClientAuthentication

    /// Creates the grant.
    public init(
        tokenURL: String,
        clientID: String,
        clientSecret: SecretString,
        scope: String? = nil,
        additionalParameters: [(name: String, value: String)] = [],
        clientAuthentication: OAuth2ClientAuthentication = .requestBody
    ) {
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.additionalParameters = additionalParameters
        self.clientAuthentication = clientAuthentication
    }

    /// The token request: `POST tokenURL` with `grant_type=client_credentials`, the scope, the additional
    /// parameters and, with ``OAuth2ClientAuthentication/requestBody``, `client_id` and `client_secret`.
    ///
    /// - Throws: ``AuthError`` with code ``AuthError/Code/invalidURL`` when the token URL is not an absolute
    ///   `http`/`https` URL.
    public func tokenRequest() throws(AuthError) -> OAuth2TokenRequest {
        var parameters: [(name: String, value: String)] = [("grant_type", "client_credentials")]
        if let scope { parameters.append(("scope", scope)) }
        parameters += additionalParameters
        return try OAuth2TokenRequest.form(
            url: tokenURL, parameters: parameters, clientID: clientID, clientSecret: clientSecret,
            clientAuthentication: clientAuthentication)
    }

    /// Reads the token endpoint's answer (see ``OAuth2Token/parse(status:body:now:redacting:)``); an error's
    /// message never contains the client secret.
    public func parseTokenResponse(status: Int, body: [UInt8], now: Int64) throws(AuthError) -> OAuth2Token {
        try OAuth2Token.parse(status: status, body: body, now: now, redacting: [clientSecret])
    }
}
