/// HTTP Basic credentials (RFC 7617) and their `Authorization` header value.
public struct BasicAuth: Sendable, Equatable {
    /// The user id. RFC 7617 cannot carry a `:` in it: the server splits at the first one.
    public var username: String
    /// The password.
    public var password: SecretString

    /// Creates credentials.
    public init(username: String, password: SecretString) {
        self.username = username
        self.password = password
    }

    /// `Basic base64(username:password)`, over UTF-8 (RFC 7617 §2.1's `charset="UTF-8"`).
    public var headerValue: String {
        "Basic " + Base64.encode(Array(username.utf8) + [UInt8(ascii: ":")] + password.utf8Bytes)
    }
}

extension BasicAuth: CustomStringConvertible {
    /// The user and a masked password.
    public var description: String { "BasicAuth(username: \(username), password: \(password))" }
}
