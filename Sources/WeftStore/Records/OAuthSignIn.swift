import Foundation

/// A browser sign-in of a connection under way: created when a Builder starts it, used up by the provider's
/// callback (or expired). `state` travels through the browser; only its SHA-256 is stored. The PKCE code verifier
/// stays here until the code is redeemed.
public struct OAuthSignIn: Sendable, Equatable {
    /// SHA-256 of the `state` parameter, hex.
    public var stateHash: String
    public var tenantID: StoreID
    /// The connection that gets the tokens.
    public var connectionName: String
    public var codeVerifier: String
    /// The redirect URI sent to the provider, which the code exchange must repeat.
    public var redirectURI: String
    /// Who started it.
    public var startedBy: StoreID
    public var expiresAt: Date

    /// Creates a sign-in record.
    public init(
        stateHash: String, tenantID: StoreID, connectionName: String, codeVerifier: String, redirectURI: String,
        startedBy: StoreID, expiresAt: Date
    ) {
        self.stateHash = stateHash
        self.tenantID = tenantID
        self.connectionName = connectionName
        self.codeVerifier = codeVerifier
        self.redirectURI = redirectURI
        self.startedBy = startedBy
        self.expiresAt = expiresAt
    }
}
