import Foundation

/// A user's place in an organization.
public struct Membership: Sendable, Equatable {
    public var tenantID: StoreID
    public var userID: StoreID
    public var role: Role
    public var createdAt: Date

    /// Creates a membership record.
    public init(tenantID: StoreID, userID: StoreID, role: Role, createdAt: Date) {
        self.tenantID = tenantID
        self.userID = userID
        self.role = role
        self.createdAt = createdAt
    }
}
