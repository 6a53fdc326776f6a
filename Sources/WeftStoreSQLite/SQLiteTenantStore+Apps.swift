import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    public func saveApp(appID: String, version: String, source: String, createdBy: StoreID) async throws(StoreError)
        -> StoredApp
    {
        let app = StoredApp(
            appID: appID, version: version, source: source, createdBy: createdBy, createdAt: SQLiteStore.now()
        )
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO apps (tenant_id, \(StoredApp.columns)) VALUES (?, ?, ?, ?, ?, ?)",
                    [.id(tenantID), .text(appID), .text(version), .text(source), .id(createdBy), .date(app.createdAt)]
                )
            }
        } catch let error where error.code == .conflict {
            throw StoreError(.conflict, "version \(version) of the app \(appID) already exists")
        } catch {
            throw organizationMissing(error)
        }
        return app
    }

    /// The newest version of each app, by app id.
    public func apps() async throws(StoreError) -> [StoredApp] {
        try await database.access { db throws(StoreError) in
            let versions = try await db.rows("SELECT app_id, version FROM apps WHERE tenant_id = ?", [.id(tenantID)]) {
                (row) throws(UnreadableValue) in (appID: try row.string("app_id"), version: try row.string("version"))
            }
            var newest: [String: VersionPrecedence] = [:]
            for (appID, version) in versions {
                let candidate = VersionPrecedence(version)
                if let current = newest[appID], candidate < current { continue }
                newest[appID] = candidate
            }
            var apps: [StoredApp] = []
            for (appID, version) in newest.sorted(by: { $0.key < $1.key }) {
                if let app = try await Self.app(tenantID, appID, version.text, db) { apps.append(app) }
            }
            return apps
        }
    }

    public func app(id appID: String, version: String?) async throws(StoreError) -> StoredApp? {
        try await database.access { db throws(StoreError) in
            if let version { return try await Self.app(tenantID, appID, version, db) }
            let versions = try await db.rows(
                "SELECT version FROM apps WHERE tenant_id = ? AND app_id = ?", [.id(tenantID), .text(appID)]
            ) { (row) throws(UnreadableValue) in VersionPrecedence(try row.string("version")) }
            guard let newest = versions.max() else { return nil }
            return try await Self.app(tenantID, appID, newest.text, db)
        }
    }

    public func appVersions(id appID: String) async throws(StoreError) -> [StoredApp] {
        let versions = try await database.access { db throws(StoreError) in
            try await db.rows(
                "SELECT \(StoredApp.columns) FROM apps WHERE tenant_id = ? AND app_id = ?",
                [.id(tenantID), .text(appID)],
                StoredApp.init(row:)
            )
        }
        return versions.sorted { VersionPrecedence($0.version) > VersionPrecedence($1.version) }
    }

    public func deleteApp(id appID: String) async throws(StoreError) {
        let deleted = try await database.access { db throws(StoreError) in
            try await db.exists(
                "DELETE FROM apps WHERE tenant_id = ? AND app_id = ? RETURNING app_id", [.id(tenantID), .text(appID)]
            )
        }
        guard deleted else { throw StoreError(.notFound, "app not found") }
    }

    private static func app(
        _ tenantID: StoreID, _ appID: String, _ version: String, _ db: SQLiteExecutor
    ) async throws(StoreError) -> StoredApp? {
        try await db.first(
            "SELECT \(StoredApp.columns) FROM apps WHERE tenant_id = ? AND app_id = ? AND version = ?",
            [.id(tenantID), .text(appID), .text(version)], StoredApp.init(row:)
        )
    }
}
