import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    /// Inserts the run, or updates the run with its id. `.invalid` for a run of another organization, `.notFound`
    /// when its flow is not this organization's or its id is another organization's run.
    public func saveRun(_ run: StoredRun) async throws(StoreError) {
        try await saveRuns([run])
    }

    public func saveRuns(_ runs: [StoredRun]) async throws(StoreError) {
        for run in runs where run.tenantID != tenantID {
            throw StoreError(.invalid, "the run \(run.id) belongs to another organization")
        }
        try await database.transaction { db throws(StoreError) in
            for run in runs {
                let saved: Bool
                do throws(StoreError) {
                    // A run whose flow is not the organization's fails the foreign key: `.notFound`.
                    saved = try await db.exists(
                        """
                        INSERT INTO runs (\(StoredRun.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET
                            flow_id = excluded.flow_id, flow_version = excluded.flow_version, state = excluded.state,
                            trigger_kind = excluded.trigger_kind, created_at = excluded.created_at,
                            finished_at = excluded.finished_at, record = excluded.record
                        WHERE runs.tenant_id = excluded.tenant_id
                        RETURNING id
                        """,
                        [
                            .id(run.id), .id(tenantID), .id(run.flowID), .int(run.flowVersion), .text(run.state),
                            .text(run.trigger), .date(run.createdAt), .date(run.finishedAt), .json(run.record),
                        ]
                    )
                } catch let error where error.code == .notFound {
                    throw StoreError(.notFound, "flow not found")
                }
                // No row comes back when the id is another organization's run.
                guard saved else { throw StoreError(.notFound, "run not found") }
            }
        }
    }

    public func run(id: StoreID) async throws(StoreError) -> StoredRun? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(StoredRun.columns) FROM runs WHERE tenant_id = ? AND id = ?", [.id(tenantID), .id(id)],
                StoredRun.init(row:)
            )
        }
    }

    /// Newest first by creation time, then id; `limit` is kept within 1...500. ``RunPage/next`` is set when more
    /// runs match, and lists the rest when passed back as ``RunQuery/after`` with the same filters.
    public func runs(_ query: RunQuery) async throws(StoreError) -> RunPage {
        let limit = min(max(query.limit, 1), 500)
        var conditions = ["tenant_id = ?"]
        var binds: [SQLiteData] = [.id(tenantID)]
        if let flowID = query.flowID {
            conditions.append("flow_id = ?")
            binds.append(.id(flowID))
        }
        if let version = query.flowVersion {
            conditions.append("flow_version = ?")
            binds.append(.int(version))
        }
        if let state = query.state {
            conditions.append("state = ?")
            binds.append(.text(state))
        }
        if let since = query.since {
            conditions.append("created_at >= ?")
            binds.append(.date(since))
        }
        if let until = query.until {
            conditions.append("created_at < ?")
            binds.append(.date(until))
        }
        if let after = query.after {
            let cursor = try RunCursor(text: after)
            conditions.append("(created_at, id) < (?, ?)")
            binds += [.integer(SQLiteInt64(cursor.createdAt)), .id(cursor.id)]
        }
        binds.append(.int(limit + 1))
        let sql = """
            SELECT \(StoredRun.columns) FROM runs WHERE \(conditions.joined(separator: " AND "))
            ORDER BY created_at DESC, id DESC LIMIT ?
            """
        let found = try await database.access { [binds] db throws(StoreError) in
            try await db.rows(sql, binds, StoredRun.init(row:))
        }
        let runs = Array(found.prefix(limit))
        guard found.count > limit, let last = runs.last else { return RunPage(runs: runs, next: nil) }
        return RunPage(runs: runs, next: RunCursor(createdAt: last.createdAt.storeMilliseconds, id: last.id).text)
    }
}
