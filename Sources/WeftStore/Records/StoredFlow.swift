import Foundation

/// A tenant's flow: its name (the `flow:` id, unique in the tenant), whether it is enabled, and its latest
/// version number.
public struct StoredFlow: Sendable, Equatable {
    public var id: StoreID
    public var tenantID: StoreID
    public var name: String
    public var enabled: Bool
    public var latestVersion: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a flow record.
    public init(
        id: StoreID, tenantID: StoreID, name: String, enabled: Bool, latestVersion: Int, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.enabled = enabled
        self.latestVersion = latestVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
