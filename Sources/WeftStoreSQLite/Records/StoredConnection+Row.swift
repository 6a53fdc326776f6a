import SQLiteNIO
import WeftStore

extension StoredConnection {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, tenant_id, name, app_id, field_values, sealed_secrets, created_at, updated_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), name: try row.string("name"),
            appID: try row.string("app_id"), values: try row.json("field_values"),
            sealedSecrets: try row.bytes("sealed_secrets"), createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }
}
