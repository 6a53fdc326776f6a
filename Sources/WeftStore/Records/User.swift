import Foundation

/// A person who signs in. Users exist across organizations; what they may do is per organization (``Membership``).
public struct User: Sendable, Equatable {
    public var id: StoreID
    /// Lowercased, unique.
    public var email: String
    public var name: String
    /// The bcrypt hash of the password; never the password.
    public var passwordHash: String
    public var createdAt: Date

    /// Creates a user record.
    public init(id: StoreID, email: String, name: String, passwordHash: String, createdAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}
