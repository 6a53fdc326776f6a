/// A problem while preparing authentication or reading a token endpoint's answer.
///
/// The message is meant for the tenant: it never contains a secret (client secret, token, password), the
/// request body or a response body other than the OAuth `error` and `error_description` fields, and those are
/// cleaned of any secret the request carried.
public struct AuthError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidURL = "invalid URL"
            case tokenRequestRejected = "token request rejected"
            case invalidTokenResponse = "invalid token response"
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// A URL that could not be used (no `http`/`https` scheme, no host).
        public static let invalidURL = Code(.invalidURL)
        /// The token endpoint answered with an OAuth error (RFC 6749 §5.2) or an HTTP error status.
        public static let tokenRequestRejected = Code(.tokenRequestRejected)
        /// The token endpoint answered success, but not with a usable token.
        public static let invalidTokenResponse = Code(.invalidTokenResponse)

        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public let code: Code
    /// What went wrong, for a person. Never contains a secret.
    public let message: String
    /// The OAuth `error` code of a rejected token request (`invalid_client`, `invalid_grant`, ...), when given.
    public let oauthError: String?
    /// The HTTP status of the token endpoint's answer, when the error comes from one.
    public let httpStatus: Int?

    /// Creates an error. `message` must not contain a secret.
    public init(code: Code, message: String, oauthError: String? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.oauthError = oauthError
        self.httpStatus = httpStatus
    }

    /// The message.
    public var description: String { message }
}
