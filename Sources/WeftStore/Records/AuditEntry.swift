import Foundation
import WeftJSON

/// One change in an organization: who did what to which object, and when.
public struct AuditEntry: Sendable, Equatable {
    public var id: StoreID
    public var tenantID: StoreID
    /// The user or API key that acted (`usr_…`, `key_…`).
    public var actor: StoreID
    /// What was done, such as `flow.created` or `member.role_changed`.
    public var action: String
    /// The object acted on.
    public var target: String
    /// Details without secrets.
    public var details: JSON
    public var at: Date

    /// Creates an entry.
    public init(
        id: StoreID, tenantID: StoreID, actor: StoreID, action: String, target: String, details: JSON = [:],
        at: Date
    ) {
        self.id = id
        self.tenantID = tenantID
        self.actor = actor
        self.action = action
        self.target = target
        self.details = details
        self.at = at
    }
}
