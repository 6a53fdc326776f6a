import SQLiteNIO
import WeftStore

extension StoredRun {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns =
        "id, tenant_id, flow_id, flow_version, state, trigger_kind, created_at, finished_at, record"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), tenantID: try row.id("tenant_id"), flowID: try row.id("flow_id"),
            flowVersion: try row.int("flow_version"), state: try row.string("state"),
            trigger: try row.string("trigger_kind"), createdAt: try row.date("created_at"),
            finishedAt: try row.optionalDate("finished_at"), record: try row.json("record")
        )
    }
}
