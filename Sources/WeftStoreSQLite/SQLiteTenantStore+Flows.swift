import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    /// New flows are enabled.
    public func createFlow(name: String, source: String, appVersions: [String: String], createdBy: StoreID)
        async throws(StoreError) -> StoredFlow
    {
        let now = SQLiteStore.now()
        let flow = StoredFlow(
            id: .random("flw"), tenantID: tenantID, name: name, enabled: true, latestVersion: 1, createdAt: now,
            updatedAt: now
        )
        do {
            try await database.transaction { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO flows (\(StoredFlow.columns)) VALUES (?, ?, ?, 1, 1, ?, ?)",
                    [.id(flow.id), .id(tenantID), .text(name), .date(now), .date(now)]
                )
                try await insertVersion(
                    1, of: flow.id, source: source, appVersions: appVersions, createdBy: createdBy, at: now, db)
            }
        } catch let error where error.code == .conflict {
            throw StoreError(.conflict, "a flow named \(name) already exists")
        } catch {
            throw organizationMissing(error)
        }
        return flow
    }

    public func addFlowVersion(
        flowID: StoreID, source: String, appVersions: [String: String], createdBy: StoreID
    ) async throws(StoreError) -> StoredFlow {
        let now = SQLiteStore.now()
        return try await database.transaction { db throws(StoreError) in
            let flow = try await db.first(
                """
                UPDATE flows SET latest_version = latest_version + 1, updated_at = ?
                WHERE tenant_id = ? AND id = ? RETURNING \(StoredFlow.columns)
                """,
                [.date(now), .id(tenantID), .id(flowID)], StoredFlow.init(row:)
            )
            guard let flow else { throw StoreError(.notFound, "flow not found") }
            try await insertVersion(
                flow.latestVersion, of: flowID, source: source, appVersions: appVersions, createdBy: createdBy, at: now,
                db)
            return flow
        }
    }

    public func flows(after name: String?, limit: Int?) async throws(StoreError) -> [StoredFlow] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                """
                SELECT \(StoredFlow.columns) FROM flows WHERE tenant_id = ? AND name > ? ORDER BY name LIMIT ?
                """,
                [.id(tenantID), .text(name ?? ""), .int(limit ?? -1)], StoredFlow.init(row:)
            )
        }
    }

    public func flow(id: StoreID) async throws(StoreError) -> StoredFlow? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(StoredFlow.columns) FROM flows WHERE tenant_id = ? AND id = ?", [.id(tenantID), .id(id)],
                StoredFlow.init(row:)
            )
        }
    }

    public func flow(name: String) async throws(StoreError) -> StoredFlow? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(StoredFlow.columns) FROM flows WHERE tenant_id = ? AND name = ?",
                [.id(tenantID), .text(name)], StoredFlow.init(row:)
            )
        }
    }

    /// Every version of a flow, newest first; empty when there is no such flow.
    public func flowVersions(flowID: StoreID) async throws(StoreError) -> [FlowVersion] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                """
                SELECT \(FlowVersion.columns) FROM flow_versions WHERE tenant_id = ? AND flow_id = ?
                ORDER BY version DESC
                """,
                [.id(tenantID), .id(flowID)], FlowVersion.init(row:)
            )
        }
    }

    public func flowVersion(flowID: StoreID, version: Int) async throws(StoreError) -> FlowVersion? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(FlowVersion.columns) FROM flow_versions WHERE tenant_id = ? AND flow_id = ? AND version = ?",
                [.id(tenantID), .id(flowID), .int(version)], FlowVersion.init(row:)
            )
        }
    }

    public func setFlowEnabled(flowID: StoreID, enabled: Bool) async throws(StoreError) -> StoredFlow {
        let flow = try await database.access { db throws(StoreError) in
            try await db.first(
                """
                UPDATE flows SET enabled = ?, updated_at = ? WHERE tenant_id = ? AND id = ?
                RETURNING \(StoredFlow.columns)
                """,
                [.bool(enabled), .date(SQLiteStore.now()), .id(tenantID), .id(flowID)], StoredFlow.init(row:)
            )
        }
        guard let flow else { throw StoreError(.notFound, "flow not found") }
        return flow
    }

    public func deleteFlow(id: StoreID) async throws(StoreError) {
        // Its versions and runs go with it (ON DELETE CASCADE), in the same statement.
        let deleted = try await database.access { db throws(StoreError) in
            try await db.exists(
                "DELETE FROM flows WHERE tenant_id = ? AND id = ? RETURNING id", [.id(tenantID), .id(id)])
        }
        guard deleted else { throw StoreError(.notFound, "flow not found") }
    }

    private func insertVersion(
        _ version: Int, of flowID: StoreID, source: String, appVersions: [String: String], createdBy: StoreID,
        at date: Date, _ db: SQLiteExecutor
    ) async throws(StoreError) {
        try await db.execute(
            "INSERT INTO flow_versions (tenant_id, \(FlowVersion.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                .id(tenantID), .id(flowID), .int(version), .text(source), FlowVersion.appVersionsData(appVersions),
                .id(createdBy), .date(date),
            ]
        )
    }
}
