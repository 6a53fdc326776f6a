import SQLiteNIO
import WeftStore

extension AuditEntry {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, tenant_id, actor, action, target, details, at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), actor: try row.id("actor"),
            action: try row.string("action"), target: try row.string("target"), details: try row.json("details"),
            at: try row.date("at")
        )
    }
}
