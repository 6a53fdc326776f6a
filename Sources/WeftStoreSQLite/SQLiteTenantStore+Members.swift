import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    public func members() async throws(StoreError) -> [(user: User, membership: Membership)] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                """
                SELECT u.id, u.email, u.name, u.password_hash, u.created_at,
                       m.role, m.created_at AS member_since
                FROM memberships m JOIN users u ON u.id = m.user_id
                WHERE m.tenant_id = ? ORDER BY u.email
                """,
                [.id(tenantID)]
            ) { (row) throws(UnreadableValue) in
                let user = try User(row: row)
                let membership = Membership(
                    tenantID: tenantID, userID: user.id, role: try row.role("role"),
                    createdAt: try row.date("member_since")
                )
                return (user: user, membership: membership)
            }
        }
    }

    public func membership(userID: StoreID) async throws(StoreError) -> Membership? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(Membership.columns) FROM memberships WHERE tenant_id = ? AND user_id = ?",
                [.id(tenantID), .id(userID)], Membership.init(row:)
            )
        }
    }

    public func setRole(_ role: Role, userID: StoreID) async throws(StoreError) -> Membership {
        try await database.transaction { db throws(StoreError) in
            guard try await db.exists("SELECT 1 FROM tenants WHERE id = ?", [.id(tenantID)]) else {
                throw StoreError(.notFound, "organization not found")
            }
            guard try await db.exists("SELECT 1 FROM users WHERE id = ?", [.id(userID)]) else {
                throw StoreError(.notFound, "user not found")
            }
            if role != .owner, try await isLastOwner(userID, db) {
                throw StoreError(.invalid, "the organization needs an owner; make another member an owner first")
            }
            let membership = try await db.first(
                """
                INSERT INTO memberships (\(Membership.columns)) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = excluded.role
                RETURNING \(Membership.columns)
                """,
                [.id(tenantID), .id(userID), .text(role.rawValue), .date(SQLiteStore.now())], Membership.init(row:)
            )
            guard let membership else { throw StoreError(.unavailable, "the membership was not saved") }
            return membership
        }
    }

    public func removeMember(userID: StoreID) async throws(StoreError) {
        try await database.transaction { db throws(StoreError) in
            guard
                try await db.exists(
                    "SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ?", [.id(tenantID), .id(userID)])
            else {
                throw StoreError(.notFound, "member not found")
            }
            if try await isLastOwner(userID, db) {
                throw StoreError(.invalid, "the organization needs an owner; make another member an owner first")
            }
            try await db.execute(
                "DELETE FROM memberships WHERE tenant_id = ? AND user_id = ?", [.id(tenantID), .id(userID)]
            )
        }
    }

    /// Whether `userID` is an owner here and no one else is.
    private func isLastOwner(_ userID: StoreID, _ db: SQLiteExecutor) async throws(StoreError) -> Bool {
        let owners = try await db.rows(
            "SELECT user_id FROM memberships WHERE tenant_id = ? AND role = 'owner'", [.id(tenantID)]
        ) { (row) throws(UnreadableValue) in try row.id("user_id") }
        return owners == [userID]
    }
}
