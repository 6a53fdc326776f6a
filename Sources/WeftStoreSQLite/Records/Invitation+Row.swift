import SQLiteNIO
import WeftStore

extension Invitation {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, tenant_id, email, role, token_hash, invited_by, created_at, expires_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), email: try row.string("email"),
            role: try row.role("role"), tokenHash: try row.string("token_hash"), invitedBy: try row.id("invited_by"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at")
        )
    }
}
