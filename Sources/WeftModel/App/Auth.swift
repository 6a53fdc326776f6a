import Collections
import WeftJSON

/// How an app's requests are authenticated. Values are templates over `$connection`.
public enum Auth: Sendable {
    case none
    /// A header such as `X-Shopify-Access-Token: {{ $connection.token }}`.
    case header(name: String, value: Template)
    /// A query parameter such as `?api_key=...`.
    case query(name: String, value: Template)
    case basic(username: Template, password: Template)
    case bearer(token: Template)
    case oauth2ClientCredentials(OAuth2Settings)
    case oauth2RefreshToken(OAuth2Settings)
    /// OAuth 1.0a token-based signing, as NetSuite uses it.
    case oauth1(OAuth1Settings)

    /// The `type` of the auth block.
    public var type: String {
        switch self {
        case .none: return "none"
        case .header: return "header"
        case .query: return "query"
        case .basic: return "basic"
        case .bearer: return "bearer"
        case .oauth2ClientCredentials: return "oauth2_client_credentials"
        case .oauth2RefreshToken: return "oauth2_refresh_token"
        case .oauth1: return "oauth1"
        }
    }

    private struct NameValue {
        var name = ""
        var value = Template(literal: "")
    }

    private struct Basic {
        var username = Template(literal: "")
        var password = Template(literal: "")
    }

    private struct Token {
        var token = Template(literal: "")
    }

    /// The spec of an `auth:` block.
    public static var spec: Spec<Auth> {
        let nameValue = { (type: String) -> Spec<NameValue> in
            ObjectSpec(
                "\(type.capitalized)Auth", description: "Authentication by \(type).", initial: NameValue.init,
                fields: [
                    .typeTag(type),
                    .field("name", \.name, .string(), required: true, "The \(type) name."),
                    .field("value", \.value, .template, required: true, "The value, usually from `$connection`."),
                ]
            ).spec
        }
        return .discriminated([
            ("none", Spec<JSON>.json.map { _ in Auth.none }),
            ("header", nameValue("header").map { Auth.header(name: $0.name, value: $0.value) }),
            ("query", nameValue("query").map { Auth.query(name: $0.name, value: $0.value) }),
            (
                "basic",
                ObjectSpec(
                    "BasicAuth", description: "HTTP Basic authentication.", initial: Basic.init,
                    fields: [
                        .typeTag("basic"),
                        .field("username", \.username, .template, required: true, "The user name."),
                        .field("password", \.password, .template, required: true, "The password."),
                    ]
                ).spec.map { .basic(username: $0.username, password: $0.password) }
            ),
            (
                "bearer",
                ObjectSpec(
                    "BearerAuth", description: "A bearer token.", initial: Token.init,
                    fields: [
                        .typeTag("bearer"),
                        .field("token", \.token, .template, required: true, "The token."),
                    ]
                ).spec.map { .bearer(token: $0.token) }
            ),
            (
                "oauth2_client_credentials",
                OAuth2Settings.spec("oauth2_client_credentials").map(Auth.oauth2ClientCredentials)
            ),
            ("oauth2_refresh_token", OAuth2Settings.spec("oauth2_refresh_token").map(Auth.oauth2RefreshToken)),
            ("oauth1", OAuth1Settings.spec.map(Auth.oauth1)),
        ])
    }
}

/// OAuth 2.0 token endpoint settings.
public struct OAuth2Settings: Sendable {
    /// How the client authenticates to the token endpoint.
    public enum ClientAuthentication: String, Sendable, CaseIterable {
        case body, basic
    }

    public var tokenURL = Template(literal: "")
    public var clientId = Template(literal: "")
    public var clientSecret = Template(literal: "")
    public var refreshToken: Template?
    /// The provider's authorization endpoint, for signing a connection in through a browser (the authorization
    /// code grant) to obtain its refresh token.
    public var authorizeURL: Template?
    public var scope: Template?
    public var clientAuthentication = ClientAuthentication.body
    /// Extra form parameters for the token request.
    public var parameters: OrderedDictionary<String, Template> = [:]

    static func spec(_ type: String) -> Spec<OAuth2Settings> {
        ObjectSpec(
            type == "oauth2_refresh_token" ? "OAuth2RefreshToken" : "OAuth2ClientCredentials",
            description: "OAuth 2.0 (\(type)); tokens are cached and refreshed on expiry and on 401.",
            initial: OAuth2Settings.init,
            fields: [
                .typeTag(type),
                .field("token_url", \.tokenURL, .template, required: true, "The token endpoint."),
                .field("client_id", \.clientId, .template, required: true, "The client id."),
                .field("client_secret", \.clientSecret, .template, required: true, "The client secret."),
                .field(
                    "refresh_token", \.refreshToken, .template, required: type == "oauth2_refresh_token",
                    "The refresh token."),
                .field("scope", \.scope, .template, "The scope to request."),
                .field(
                    "authorize_url", \.authorizeURL, .template,
                    "The authorization endpoint: with it, a server signs connections in through the browser and "
                        + "stores the refresh token."),
                .field(
                    "client_auth", \.clientAuthentication, .enumeration(ClientAuthentication.self),
                    "Client credentials in the form `body` (default) or as HTTP `basic`."),
                .field("params", \.parameters, .map(of: .template), "Extra token request parameters."),
            ]
        ).spec
    }
}

/// OAuth 1.0a token-based authentication settings.
public struct OAuth1Settings: Sendable {
    /// The signature algorithm.
    public enum SignatureMethod: String, Sendable, CaseIterable {
        case hmacSHA256 = "HMAC-SHA256"
        case hmacSHA1 = "HMAC-SHA1"
    }

    public var consumerKey = Template(literal: "")
    public var consumerSecret = Template(literal: "")
    public var token = Template(literal: "")
    public var tokenSecret = Template(literal: "")
    public var realm: Template?
    public var signatureMethod = SignatureMethod.hmacSHA256

    static var spec: Spec<OAuth1Settings> {
        ObjectSpec(
            "OAuth1", description: "OAuth 1.0a token-based signing (NetSuite TBA).", initial: OAuth1Settings.init,
            fields: [
                .typeTag("oauth1"),
                .field("consumer_key", \.consumerKey, .template, required: true, "The consumer key."),
                .field("consumer_secret", \.consumerSecret, .template, required: true, "The consumer secret."),
                .field("token", \.token, .template, required: true, "The token id."),
                .field("token_secret", \.tokenSecret, .template, required: true, "The token secret."),
                .field("realm", \.realm, .template, "The realm (NetSuite: the account id)."),
                .field(
                    "signature_method", \.signatureMethod, .enumeration(SignatureMethod.self),
                    "`HMAC-SHA256` (default) or `HMAC-SHA1`."),
            ]
        ).spec
    }
}
