import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteStore {
    public func createTenant(name: String, owner: StoreID) async throws(StoreError) -> Tenant {
        let tenant = Tenant(id: .random("org"), name: name, createdAt: Self.now())
        try await database.transaction { db throws(StoreError) in
            guard try await db.exists("SELECT 1 FROM users WHERE id = ?", [.id(owner)]) else {
                throw StoreError(.notFound, "user not found")
            }
            try await db.execute(
                "INSERT INTO tenants (\(Tenant.columns)) VALUES (?, ?, ?)",
                [.id(tenant.id), .text(tenant.name), .date(tenant.createdAt)]
            )
            try await db.execute(
                "INSERT INTO memberships (\(Membership.columns)) VALUES (?, ?, 'owner', ?)",
                [.id(tenant.id), .id(owner), .date(tenant.createdAt)]
            )
        }
        return tenant
    }

    public func memberships(userID: StoreID) async throws(StoreError) -> [(tenant: Tenant, role: Role)] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                """
                SELECT t.id, t.name, t.created_at, m.role FROM memberships m JOIN tenants t ON t.id = m.tenant_id
                WHERE m.user_id = ? ORDER BY t.name, t.id
                """,
                [.id(userID)]
            ) { (row) throws(UnreadableValue) in (tenant: try Tenant(row: row), role: try row.role("role")) }
        }
    }

    public func wrappedDataKeys() async throws(StoreError) -> [(tenantID: StoreID, wrappedKey: [UInt8])] {
        try await database.access { db throws(StoreError) in
            try await db.rows("SELECT tenant_id, wrapped_key FROM data_keys ORDER BY tenant_id") {
                (row) throws(UnreadableValue) in
                (tenantID: try row.id("tenant_id"), wrappedKey: try row.bytes("wrapped_key"))
            }
        }
    }
}
