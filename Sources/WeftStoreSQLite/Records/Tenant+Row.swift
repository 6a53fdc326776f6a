import SQLiteNIO
import WeftStore

extension Tenant {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, name, created_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(id: try row.id("id"), name: try row.string("name"), createdAt: try row.date("created_at"))
    }
}
