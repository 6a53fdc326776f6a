import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteTenantStore {
    public func createInvitation(
        email: String, role: Role, tokenHash: String, invitedBy: StoreID, expiresAt: Date
    ) async throws(StoreError) -> Invitation {
        let invitation = Invitation(
            id: .random("inv"), tenantID: tenantID, email: email.lowercased(), role: role, tokenHash: tokenHash,
            invitedBy: invitedBy, createdAt: SQLiteStore.now(), expiresAt: expiresAt.storePrecision)
        do {
            try await database.transaction { db throws(StoreError) in
                try await db.execute(
                    "DELETE FROM invitations WHERE tenant_id = ? AND email = ?",
                    [.id(tenantID), .text(invitation.email)])
                try await db.execute(
                    "INSERT INTO invitations (\(Invitation.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        .id(invitation.id), .id(tenantID), .text(invitation.email), .text(role.rawValue),
                        .text(tokenHash), .id(invitedBy), .date(invitation.createdAt), .date(invitation.expiresAt),
                    ]
                )
            }
        } catch {
            throw organizationMissing(error)
        }
        return invitation
    }

    public func invitations() async throws(StoreError) -> [Invitation] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                """
                SELECT \(Invitation.columns) FROM invitations WHERE tenant_id = ? AND expires_at > ?
                ORDER BY created_at, id
                """,
                [.id(tenantID), .date(SQLiteStore.now())], Invitation.init(row:)
            )
        }
    }

    public func deleteInvitation(id: StoreID) async throws(StoreError) {
        let deleted = try await database.access { db throws(StoreError) in
            try await db.exists(
                "DELETE FROM invitations WHERE tenant_id = ? AND id = ? RETURNING id", [.id(tenantID), .id(id)])
        }
        guard deleted else { throw StoreError(.notFound, "invitation not found") }
    }
}
