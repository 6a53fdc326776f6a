import Foundation

/// An organization: the unit of isolation. Everything a tenant owns is reached only through its ``TenantStore``.
public struct Tenant: Sendable, Equatable {
    public var id: StoreID
    public var name: String
    public var createdAt: Date

    /// Creates a tenant record.
    public init(id: StoreID, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
