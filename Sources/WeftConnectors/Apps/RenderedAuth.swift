import Collections
import JSONata
import WeftJSON
import WeftModel
import WeftRuntime

/// An app's `auth` block with its templates rendered from the connection: ready to apply to requests.
enum RenderedAuth: Sendable {
    case none
    case header(name: String, value: String)
    case query(name: String, value: String)
    /// The `Authorization` header value, and the secrets inside it.
    case authorization(value: String, secrets: [String])
    case oauth2ClientCredentials(OAuth2ClientCredentials)
    case oauth2RefreshToken(OAuth2RefreshToken)
    case oauth1(OAuth1Signer)

    /// Renders `auth` over `$connection`.
    static func render(_ auth: Auth, bindings: [String: JSON], options: EvaluationOptions) throws(StepFailure)
        -> RenderedAuth
    {
        func text(_ template: Template, _ field: String) throws(StepFailure) -> String {
            do throws(JSONataError) {
                return try template.render(nil, bindings: bindings, options: options)
            } catch {
                throw StepFailure(.expression, "the auth `\(field)` template failed: \(error)")
            }
        }
        func optional(_ template: Template?, _ field: String) throws(StepFailure) -> String? {
            guard let template else { return nil }
            let value = try text(template, field)
            return value.isEmpty ? nil : value
        }
        func parameters(_ templates: OrderedDictionary<String, Template>) throws(StepFailure) -> [(
            name: String, value: String
        )] {
            var result: [(name: String, value: String)] = []
            for (name, template) in templates {
                result.append((name, try text(template, "params.\(name)")))
            }
            return result
        }
        switch auth {
        case .none:
            return .none
        case .header(let name, let value):
            return .header(name: name, value: try text(value, "value"))
        case .query(let name, let value):
            return .query(name: name, value: try text(value, "value"))
        case .basic(let username, let password):
            let password = try text(password, "password")
            let credentials = BasicAuth(username: try text(username, "username"), password: SecretString(password))
            let header = credentials.headerValue
            return .authorization(value: header, secrets: [password, String(header.dropFirst("Basic ".count))])
        case .bearer(let token):
            let token = try text(token, "token")
            return .authorization(value: "Bearer \(token)", secrets: [token])
        case .oauth2ClientCredentials(let settings):
            return .oauth2ClientCredentials(
                OAuth2ClientCredentials(
                    tokenURL: try text(settings.tokenURL, "token_url"),
                    clientID: try text(settings.clientId, "client_id"),
                    clientSecret: SecretString(try text(settings.clientSecret, "client_secret")),
                    scope: try optional(settings.scope, "scope"),
                    additionalParameters: try parameters(settings.parameters),
                    clientAuthentication: settings.clientAuthentication == .basic ? .basic : .requestBody))
        case .oauth2RefreshToken(let settings):
            let secret = try text(settings.clientSecret, "client_secret")
            return .oauth2RefreshToken(
                OAuth2RefreshToken(
                    tokenURL: try text(settings.tokenURL, "token_url"),
                    clientID: try text(settings.clientId, "client_id"),
                    clientSecret: secret.isEmpty ? nil : SecretString(secret),
                    refreshToken: SecretString(try optional(settings.refreshToken, "refresh_token") ?? ""),
                    scope: try optional(settings.scope, "scope"),
                    additionalParameters: try parameters(settings.parameters),
                    clientAuthentication: settings.clientAuthentication == .basic ? .basic : .requestBody))
        case .oauth1(let settings):
            return .oauth1(
                OAuth1Signer(
                    consumerKey: try text(settings.consumerKey, "consumer_key"),
                    consumerSecret: SecretString(try text(settings.consumerSecret, "consumer_secret")),
                    tokenID: try text(settings.token, "token"),
                    tokenSecret: SecretString(try text(settings.tokenSecret, "token_secret")),
                    realm: try optional(settings.realm, "realm"),
                    signatureMethod: settings.signatureMethod == .hmacSHA1 ? .hmacSHA1 : .hmacSHA256))
        }
    }

    /// The credentials inside, to mask wherever they might appear.
    var secrets: [String] {
        switch self {
        case .none: return []
        case .header(_, let value), .query(_, let value): return [value]
        case .authorization(let value, let secrets): return [value] + secrets
        case .oauth2ClientCredentials(let grant): return [grant.clientSecret.reveal()]
        case .oauth2RefreshToken(let grant):
            return [grant.refreshToken.reveal()] + (grant.clientSecret.map { [$0.reveal()] } ?? [])
        case .oauth1(let signer): return [signer.consumerSecret.reveal(), signer.tokenSecret.reveal()]
        }
    }
}
