import SQLiteNIO
import WeftStore

extension StoredApp {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "app_id, version, source, created_by, created_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            appID: try row.string("app_id"), version: try row.string("version"), source: try row.string("source"),
            createdBy: try row.id("created_by"), createdAt: try row.date("created_at")
        )
    }
}
