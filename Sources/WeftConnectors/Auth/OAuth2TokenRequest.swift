/// A request to an OAuth 2.0 token endpoint, as plain values for the HTTP client to send.
///
/// The body and the `Authorization` header carry secrets, so `description` and the mirror show only the
/// method, the URL, the header names and the body's size.
public struct OAuth2TokenRequest: Sendable {
    /// Always `POST` (RFC 6749 §3.2).
    public var method: String
    /// The token endpoint's URL.
    public var url: String
    /// The request headers: `Content-Type`, `Accept` and, with HTTP Basic client authentication,
    /// `Authorization`.
    public var headers: [(name: String, value: String)]
    /// The `application/x-www-form-urlencoded` body as UTF-8.
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String = "POST", url: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// The value of the first header called `name` (compared without regard to case), if any.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }

    /// A form-encoded token request to `url` with `parameters` in order, the client identified as
    /// `clientAuthentication` says (by its id alone in the body when it has no secret).
    static func form(
        url: String,
        parameters: [(name: String, value: String)],
        clientID: String,
        clientSecret: SecretString?,
        clientAuthentication: OAuth2ClientAuthentication
    ) throws(AuthError) -> OAuth2TokenRequest {
        guard HTTPURLParts(url) != nil else {
            throw AuthError(code: .invalidURL, message: "the token URL is not an absolute http or https URL")
        }
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/json"),
        ]
        var fields = parameters
        switch (clientAuthentication, clientSecret) {
        case (.basic, let secret?):
            let user = PercentEncoding.formEncode(clientID)
            let password = SecretString(PercentEncoding.formEncode(secret.reveal()))
            headers.append(("Authorization", BasicAuth(username: user, password: password).headerValue))
        case (.basicUnencoded, let secret?):
            headers.append(("Authorization", BasicAuth(username: clientID, password: secret).headerValue))
        case (.requestBody, let secret?):
            fields.append(("client_id", clientID))
            fields.append(("client_secret", secret.reveal()))
        case (_, nil):
            // A public client (RFC 6749 §2.1) identifies itself by its id alone.
            fields.append(("client_id", clientID))
        }
        let text = fields.map { PercentEncoding.formEncode($0.name) + "=" + PercentEncoding.formEncode($0.value) }
            .joined(separator: "&")
        return OAuth2TokenRequest(url: url, headers: headers, body: Array(text.utf8))
    }
}

extension OAuth2TokenRequest: CustomStringConvertible, CustomReflectable {
    /// `POST <url> (headers: ..., N-byte body)`, without header values or the body.
    public var description: String {
        let names = headers.map(\.name).joined(separator: ", ")
        return "\(method) \(url) (headers: \(names); \(body.count)-byte body)"
    }

    /// A mirror showing what ``description`` shows.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "method": method, "url": url, "headers": headers.map(\.name), "body": "\(body.count) bytes",
            ],
            displayStyle: .struct)
    }
}
