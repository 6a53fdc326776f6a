import SQLiteNIO
import WeftStore

extension Membership {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "tenant_id, user_id, role, created_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            tenantID: try row.id("tenant_id"), userID: try row.id("user_id"), role: try row.role("role"),
            createdAt: try row.date("created_at")
        )
    }
}
