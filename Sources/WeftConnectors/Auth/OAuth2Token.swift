/// An OAuth 2.0 access token as a token endpoint issued it, with its expiry as an absolute time.
///
/// Times are whole seconds since the Unix epoch, read from the clock the caller injects.
public struct OAuth2Token: Sendable, Equatable {
    /// The access token.
    public var accessToken: SecretString
    /// The token type, as the server wrote it (`Bearer`, `bearer`, ...).
    public var tokenType: String
    /// When the token stops being valid, in seconds since the Unix epoch, or `nil` when the server did not say
    /// (then the token is used until a request is refused with 401).
    public var expiresAt: Int64?
    /// The refresh token, when the server issued one.
    public var refreshToken: SecretString?
    /// The granted scope, when the server reported it.
    public var scope: String?

    /// Creates a token.
    public init(
        accessToken: SecretString,
        tokenType: String = "Bearer",
        expiresAt: Int64? = nil,
        refreshToken: SecretString? = nil,
        scope: String? = nil
    ) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresAt = expiresAt
        self.refreshToken = refreshToken
        self.scope = scope
    }

    /// The `Authorization` header value: `Bearer <token>` (the scheme spelt `Bearer` whatever the case the
    /// server used, as some APIs refuse `bearer`), or `<type> <token>` for another token type.
    public var authorizationHeaderValue: String {
        let scheme = tokenType.lowercased() == "bearer" ? "Bearer" : tokenType
        return "\(scheme) \(accessToken.reveal())"
    }

    /// Whether the token has expired at `now`, or will within `skew` seconds. A token without an expiry never
    /// expires by time.
    public func isExpired(at now: Int64, skew: Int64 = 0) -> Bool {
        guard let expiresAt else { return false }
        return now.addingReportingOverflow(skew).partialValue >= expiresAt
    }
}
