import SQLiteNIO
import WeftStore

extension FlowVersion {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "flow_id, version, source, created_by, created_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            flowID: try row.id("flow_id"), version: try row.int("version"), source: try row.string("source"),
            createdBy: try row.id("created_by"), createdAt: try row.date("created_at")
        )
    }
}
