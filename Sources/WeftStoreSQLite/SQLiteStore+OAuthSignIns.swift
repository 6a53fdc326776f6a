import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteStore {
    public func saveOAuthSignIn(_ signIn: OAuthSignIn) async throws(StoreError) {
        try await database.access { db throws(StoreError) in
            // Expired sign-ins go as new ones come: the table holds only the few under way.
            try await db.execute("DELETE FROM oauth_sign_ins WHERE expires_at <= ?", [.date(SQLiteStore.now())])
            try await db.execute(
                "INSERT INTO oauth_sign_ins (\(OAuthSignIn.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(signIn.stateHash), .id(signIn.tenantID), .text(signIn.connectionName),
                    .text(signIn.codeVerifier), .text(signIn.redirectURI), .id(signIn.startedBy),
                    .date(signIn.expiresAt),
                ]
            )
        }
    }

    public func takeOAuthSignIn(stateHash: String) async throws(StoreError) -> OAuthSignIn? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "DELETE FROM oauth_sign_ins WHERE state_hash = ? AND expires_at > ? RETURNING \(OAuthSignIn.columns)",
                [.text(stateHash), .date(SQLiteStore.now())], OAuthSignIn.init(row:)
            )
        }
    }
}
