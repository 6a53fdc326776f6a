import Crypto

/// The OAuth 2.0 authorization code grant with PKCE (RFC 6749 §4.1, RFC 7636): the address that sends a person to
/// the provider to consent, and the request that redeems the code the provider sends back for tokens.
///
/// The code verifier is a secret until the exchange: it is kept by the server between the two steps and sent only
/// to the token endpoint; the authorization address carries its SHA-256 (`code_challenge`, method `S256`).
public struct OAuth2AuthorizationCode: Sendable {
    /// The provider's authorization endpoint.
    public var authorizeURL: String
    /// The token endpoint.
    public var tokenURL: String
    public var clientID: String
    /// The client secret, or `nil` for a public client.
    public var clientSecret: SecretString?
    /// The scope to ask for (space-separated), if any.
    public var scope: String?
    /// Where the provider sends the person back, with `code` and `state`.
    public var redirectURI: String
    /// More token request parameters, in order.
    public var additionalParameters: [(name: String, value: String)]
    public var clientAuthentication: OAuth2ClientAuthentication

    /// Creates the grant.
    public init(
        authorizeURL: String, tokenURL: String, clientID: String, clientSecret: SecretString?, scope: String?,
        redirectURI: String, additionalParameters: [(name: String, value: String)] = [],
        clientAuthentication: OAuth2ClientAuthentication = .requestBody
    ) {
        self.authorizeURL = authorizeURL
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
        self.redirectURI = redirectURI
        self.additionalParameters = additionalParameters
        self.clientAuthentication = clientAuthentication
    }

    /// A new code verifier: 32 random bytes, base64url without padding (43 characters, RFC 7636 §4.1).
    public static func makeVerifier() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64URL((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The `S256` challenge of a verifier: base64url(SHA-256(verifier)).
    public static func challenge(for verifier: String) -> String {
        base64URL(Array(SHA256.hash(data: Array(verifier.utf8))))
    }

    /// The address to send the person to: the authorization endpoint with `response_type=code`, the client id,
    /// the redirect URI, the scope, `state` and the PKCE challenge (its own query parameters kept).
    ///
    /// - Throws: ``AuthError`` when the authorization endpoint is not an absolute `http`/`https` URL.
    public func authorizationURL(state: String, verifier: String) throws(AuthError) -> String {
        guard HTTPURLParts(authorizeURL) != nil else {
            throw AuthError(code: .invalidURL, message: "the authorization URL is not an absolute http or https URL")
        }
        var parameters: [(String, String)] = [
            ("response_type", "code"), ("client_id", clientID), ("redirect_uri", redirectURI),
        ]
        if let scope, !scope.isEmpty { parameters.append(("scope", scope)) }
        parameters += [
            ("state", state), ("code_challenge", Self.challenge(for: verifier)), ("code_challenge_method", "S256"),
        ]
        let query = parameters.map { "\(PercentEncoding.encode($0.0))=\(PercentEncoding.encode($0.1))" }
            .joined(separator: "&")
        return authorizeURL + (authorizeURL.contains("?") ? "&" : "?") + query
    }

    /// The token request redeeming `code`: `grant_type=authorization_code`, the code, the redirect URI and the
    /// verifier, the client identified as ``clientAuthentication`` says.
    public func tokenRequest(code: String, verifier: String) throws(AuthError) -> OAuth2TokenRequest {
        try OAuth2TokenRequest.form(
            url: tokenURL,
            parameters: [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
                ("code_verifier", verifier),
            ] + additionalParameters,
            clientID: clientID, clientSecret: clientSecret, clientAuthentication: clientAuthentication)
    }

    /// Reads the token endpoint's answer; its errors never contain the code, the verifier or the client secret.
    public func parseTokenResponse(
        status: Int, body: [UInt8], now: Int64, code: String, verifier: String
    ) throws(AuthError) -> OAuth2Token {
        var secrets = [SecretString(code), SecretString(verifier)]
        if let clientSecret { secrets.append(clientSecret) }
        return try OAuth2Token.parse(status: status, body: body, now: now, redacting: secrets)
    }

    private static func base64URL(_ bytes: [UInt8]) -> String {
        String(
            Base64.encode(bytes).compactMap { character -> Character? in
                switch character {
                case "+": return "-"
                case "/": return "_"
                case "=": return nil
                default: return character
                }
            })
    }
}
