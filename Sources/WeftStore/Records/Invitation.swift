import Foundation

/// An invitation to join an organization with a role, addressed to an email that may not have an account yet.
/// Whoever signs in with that email and presents the invitation's token (shown once to the inviter, stored as its
/// SHA-256) becomes a member; the invitation is then used up.
public struct Invitation: Sendable, Equatable {
    public var id: StoreID
    public var tenantID: StoreID
    /// The invited email, lowercased.
    public var email: String
    public var role: Role
    /// SHA-256 of the token, hex.
    public var tokenHash: String
    public var invitedBy: StoreID
    public var createdAt: Date
    public var expiresAt: Date

    /// Creates an invitation record.
    public init(
        id: StoreID, tenantID: StoreID, email: String, role: Role, tokenHash: String, invitedBy: StoreID,
        createdAt: Date, expiresAt: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.email = email
        self.role = role
        self.tokenHash = tokenHash
        self.invitedBy = invitedBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
