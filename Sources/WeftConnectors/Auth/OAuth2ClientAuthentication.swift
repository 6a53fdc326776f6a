/// How a client proves its identity to an OAuth 2.0 token endpoint (RFC 6749 §2.3.1).
public enum OAuth2ClientAuthentication: Sendable, Hashable, CaseIterable {
    /// `client_id` and `client_secret` as parameters of the form body (`client_secret_post`). Microsoft Entra
    /// ID's documented form, and the default.
    case requestBody
    /// HTTP Basic with the client id and secret as user and password (`client_secret_basic`), each first
    /// form-encoded as RFC 6749 §2.3.1 requires. Identical to ``basicUnencoded`` for ids and secrets made only of
    /// letters, digits and `-._~`.
    case basic
    /// HTTP Basic with the client id and secret as they are, for servers that do not form-decode them (a
    /// secret with `+`, `/` or `=`, for example, fails with ``basic`` there).
    case basicUnencoded
}
