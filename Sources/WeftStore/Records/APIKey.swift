import Foundation

/// A tenant's API key: a machine credential with a role, stored as the SHA-256 hash of the key.
public struct APIKey: Sendable, Equatable {
    public var id: StoreID
    public var tenantID: StoreID
    public var name: String
    public var role: Role
    /// SHA-256 of the key, hex.
    public var keyHash: String
    /// The key's first characters, to recognise it in a list (`wk_3f9a…`).
    public var prefix: String
    public var createdAt: Date
    public var revokedAt: Date?

    /// Creates a key record.
    public init(
        id: StoreID, tenantID: StoreID, name: String, role: Role, keyHash: String, prefix: String, createdAt: Date,
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.role = role
        self.keyHash = keyHash
        self.prefix = prefix
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
