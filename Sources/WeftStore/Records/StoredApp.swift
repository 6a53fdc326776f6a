import Foundation

/// One version of a tenant's app manifest, its YAML exactly as submitted. Versions are semantic versions, kept
/// side by side so a flow can pin the one it uses.
public struct StoredApp: Sendable, Equatable {
    /// The manifest's `app:` id, unique in the tenant.
    public var appID: String
    /// The manifest's `version:`.
    public var version: String
    public var source: String
    public var createdBy: StoreID
    public var createdAt: Date

    /// Creates an app version record.
    public init(appID: String, version: String, source: String, createdBy: StoreID, createdAt: Date) {
        self.appID = appID
        self.version = version
        self.source = source
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}
