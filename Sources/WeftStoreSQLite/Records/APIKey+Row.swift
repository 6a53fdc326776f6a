import SQLiteNIO
import WeftStore

extension APIKey {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, tenant_id, name, role, key_hash, prefix, created_at, revoked_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), name: try row.string("name"),
            role: try row.role("role"), keyHash: try row.string("key_hash"), prefix: try row.string("prefix"),
            createdAt: try row.date("created_at"), revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
