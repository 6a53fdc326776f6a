import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    /// Stores `connection` as given: a connection of the same name is replaced whole (its id and dates too), so
    /// that ``connection(name:)`` answers exactly what was saved. `.invalid` for a connection of another
    /// organization, `.conflict` when its id is taken by another connection.
    public func saveConnection(_ connection: StoredConnection) async throws(StoreError) {
        guard connection.tenantID == tenantID else {
            throw StoreError(.invalid, "the connection belongs to another organization")
        }
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    """
                    INSERT INTO connections (\(StoredConnection.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, name) DO UPDATE SET
                        id = excluded.id, app_id = excluded.app_id, field_values = excluded.field_values,
                        sealed_secrets = excluded.sealed_secrets, created_at = excluded.created_at,
                        updated_at = excluded.updated_at
                    """,
                    [
                        .id(connection.id), .id(tenantID), .text(connection.name), .text(connection.appID),
                        .json(connection.values), .bytes(connection.sealedSecrets), .date(connection.createdAt),
                        .date(connection.updatedAt),
                    ]
                )
            }
        } catch let error where error.code == .conflict {
            throw StoreError(.conflict, "another connection has the id \(connection.id)")
        } catch {
            throw organizationMissing(error)
        }
    }

    /// Every connection, by name.
    public func connections() async throws(StoreError) -> [StoredConnection] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                "SELECT \(StoredConnection.columns) FROM connections WHERE tenant_id = ? ORDER BY name",
                [.id(tenantID)], StoredConnection.init(row:)
            )
        }
    }

    public func connection(name: String) async throws(StoreError) -> StoredConnection? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(StoredConnection.columns) FROM connections WHERE tenant_id = ? AND name = ?",
                [.id(tenantID), .text(name)], StoredConnection.init(row:)
            )
        }
    }

    public func deleteConnection(name: String) async throws(StoreError) {
        let deleted = try await database.access { db throws(StoreError) in
            try await db.exists(
                "DELETE FROM connections WHERE tenant_id = ? AND name = ? RETURNING id", [.id(tenantID), .text(name)]
            )
        }
        guard deleted else { throw StoreError(.notFound, "connection not found") }
    }
}
