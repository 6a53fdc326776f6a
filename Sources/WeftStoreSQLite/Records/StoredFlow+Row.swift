import SQLiteNIO
import WeftStore

extension StoredFlow {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, tenant_id, name, enabled, latest_version, created_at, updated_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), name: try row.string("name"),
            enabled: try row.bool("enabled"), latestVersion: try row.int("latest_version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at")
        )
    }
}
