import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    public func createAPIKey(name: String, role: Role, keyHash: String, prefix: String) async throws(StoreError)
        -> APIKey
    {
        let key = APIKey(
            id: .random("key"), tenantID: tenantID, name: name, role: role, keyHash: keyHash, prefix: prefix,
            createdAt: SQLiteStore.now()
        )
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO api_keys (\(APIKey.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                    [
                        .id(key.id), .id(tenantID), .text(name), .text(role.rawValue), .text(keyHash), .text(prefix),
                        .date(key.createdAt),
                    ]
                )
            }
        } catch let error where error.code == .conflict {
            throw StoreError(.conflict, "the API key already exists")
        } catch {
            throw organizationMissing(error)
        }
        return key
    }

    /// Every key of the organization, revoked ones included, oldest first.
    public func apiKeys() async throws(StoreError) -> [APIKey] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                "SELECT \(APIKey.columns) FROM api_keys WHERE tenant_id = ? ORDER BY created_at, id", [.id(tenantID)],
                APIKey.init(row:)
            )
        }
    }

    public func revokeAPIKey(id: StoreID) async throws(StoreError) {
        let revoked = try await database.access { db throws(StoreError) in
            try await db.exists(
                "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE tenant_id = ? AND id = ? RETURNING id",
                [.date(SQLiteStore.now()), .id(tenantID), .id(id)]
            )
        }
        guard revoked else { throw StoreError(.notFound, "API key not found") }
    }

    public func wrappedDataKey() async throws(StoreError) -> [UInt8]? {
        try await database.access { db throws(StoreError) in
            try await db.first("SELECT wrapped_key FROM data_keys WHERE tenant_id = ?", [.id(tenantID)]) {
                (row) throws(UnreadableValue) in
                try row.bytes("wrapped_key")
            }
        }
    }

    public func createWrappedDataKey(_ wrappedKey: [UInt8]) async throws(StoreError) -> [UInt8] {
        do {
            return try await database.transaction { db throws(StoreError) in
                try await db.execute(
                    """
                    INSERT INTO data_keys (tenant_id, wrapped_key, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (tenant_id) DO NOTHING
                    """,
                    [.id(tenantID), .bytes(wrappedKey), .date(SQLiteStore.now())]
                )
                let stored = try await db.first(
                    "SELECT wrapped_key FROM data_keys WHERE tenant_id = ?", [.id(tenantID)]
                ) { row throws(UnreadableValue) in try row.bytes("wrapped_key") }
                guard let stored else { throw StoreError(.notFound, "organization not found") }
                return stored
            }
        } catch {
            throw organizationMissing(error)
        }
    }

    public func setWrappedDataKey(_ wrappedKey: [UInt8]) async throws(StoreError) {
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    """
                    INSERT INTO data_keys (tenant_id, wrapped_key, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (tenant_id) DO UPDATE SET wrapped_key = excluded.wrapped_key,
                        updated_at = excluded.updated_at
                    """,
                    [.id(tenantID), .bytes(wrappedKey), .date(SQLiteStore.now())]
                )
            }
        } catch {
            throw organizationMissing(error)
        }
    }
}
