import Foundation
import WeftJSON

/// A tenant's connection to an app: plain field values, and the secret ones sealed (AES-256-GCM under the
/// tenant's data key, bound to the tenant and the connection). The store never sees a secret in clear.
public struct StoredConnection: Sendable, Equatable {
    public var id: StoreID
    public var tenantID: StoreID
    /// Unique in the tenant; flows refer to it.
    public var name: String
    /// The app it is for.
    public var appID: String
    /// The fields that are not secret.
    public var values: JSON
    /// The secret fields, sealed.
    public var sealedSecrets: [UInt8]
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a connection record.
    public init(
        id: StoreID, tenantID: StoreID, name: String, appID: String, values: JSON, sealedSecrets: [UInt8],
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.appID = appID
        self.values = values
        self.sealedSecrets = sealedSecrets
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
