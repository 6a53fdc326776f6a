import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteStore {
    public func invitation(tokenHash: String) async throws(StoreError) -> Invitation? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(Invitation.columns) FROM invitations WHERE token_hash = ? AND expires_at > ?",
                [.text(tokenHash), .date(SQLiteStore.now())], Invitation.init(row:)
            )
        }
    }

    public func acceptInvitation(id: StoreID, userID: StoreID) async throws(StoreError) -> Membership {
        try await database.transaction { db throws(StoreError) in
            let invitation = try await db.first(
                "DELETE FROM invitations WHERE id = ? AND expires_at > ? RETURNING \(Invitation.columns)",
                [.id(id), .date(SQLiteStore.now())], Invitation.init(row:)
            )
            guard let invitation else { throw StoreError(.notFound, "invitation not found") }
            guard try await db.exists("SELECT 1 FROM users WHERE id = ?", [.id(userID)]) else {
                throw StoreError(.notFound, "user not found")
            }
            // A member keeps the higher of their role and the invited one.
            let membership = try await db.first(
                """
                INSERT INTO memberships (\(Membership.columns)) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = CASE
                    WHEN \(Self.rank("excluded.role")) > \(Self.rank("memberships.role")) THEN excluded.role
                    ELSE memberships.role END
                RETURNING \(Membership.columns)
                """,
                [.id(invitation.tenantID), .id(userID), .text(invitation.role.rawValue), .date(SQLiteStore.now())],
                Membership.init(row:)
            )
            guard let membership else { throw StoreError(.unavailable, "the membership was not saved") }
            return membership
        }
    }

    /// SQL giving a role column's rank, lowest first, as ``Role`` orders them.
    private static func rank(_ column: String) -> String {
        "CASE \(column) " + Role.allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0) " }.joined() + "END"
    }
}
