import Foundation

/// A sign-in session: the bearer token a user got at log-in, stored as its SHA-256 hash.
public struct AccessToken: Sendable, Equatable {
    public var id: StoreID
    public var userID: StoreID
    /// SHA-256 of the token, hex; the token itself is shown once and never stored.
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    /// Creates a token record.
    public init(
        id: StoreID, userID: StoreID, tokenHash: String, createdAt: Date, expiresAt: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.userID = userID
        self.tokenHash = tokenHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token still lets its user in at `now`.
    public func isValid(at now: Date) -> Bool { revokedAt == nil && now < expiresAt }
}
