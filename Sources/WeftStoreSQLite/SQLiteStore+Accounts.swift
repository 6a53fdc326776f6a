import Foundation
import SQLiteNIO
import WeftStore

extension SQLiteStore {
    public func createUser(email: String, name: String, passwordHash: String) async throws(StoreError) -> User {
        let user = User(
            id: .random("usr"), email: email.lowercased(), name: name, passwordHash: passwordHash,
            createdAt: Self.now()
        )
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO users (\(User.columns)) VALUES (?, ?, ?, ?, ?)",
                    [
                        .id(user.id), .text(user.email), .text(user.name), .text(user.passwordHash),
                        .date(user.createdAt),
                    ]
                )
            }
        } catch let error where error.code == .conflict {
            throw StoreError(.conflict, "a user with the email \(user.email) already exists")
        }
        return user
    }

    public func user(id: StoreID) async throws(StoreError) -> User? {
        try await database.access { db throws(StoreError) in
            try await db.first("SELECT \(User.columns) FROM users WHERE id = ?", [.id(id)], User.init(row:))
        }
    }

    public func user(email: String) async throws(StoreError) -> User? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(User.columns) FROM users WHERE lower(email) = ?", [.text(email.lowercased())],
                User.init(row:)
            )
        }
    }

    public func userCount() async throws(StoreError) -> Int {
        try await database.access { db throws(StoreError) in
            try await db.first("SELECT count(*) AS n FROM users") { (row) throws(UnreadableValue) in try row.int("n") }
                ?? 0
        }
    }

    public func deleteUser(id: StoreID) async throws(StoreError) {
        try await database.transaction { db throws(StoreError) in
            guard try await db.exists("SELECT 1 FROM users WHERE id = ?", [.id(id)]) else {
                throw StoreError(.notFound, "user not found")
            }
            // An organization where this user is the only owner and someone else is a member would be left
            // without an owner.
            let stranded = try await db.exists(
                """
                SELECT 1 FROM memberships m
                WHERE m.user_id = ?1 AND m.role = 'owner'
                  AND NOT EXISTS (
                    SELECT 1 FROM memberships o WHERE o.tenant_id = m.tenant_id AND o.role = 'owner' AND o.user_id <> ?1)
                  AND EXISTS (SELECT 1 FROM memberships x WHERE x.tenant_id = m.tenant_id AND x.user_id <> ?1)
                """,
                [.id(id)]
            )
            if stranded {
                throw StoreError(
                    .invalid,
                    "the user is the last owner of an organization with other members; make another member an owner first"
                )
            }
            // Sessions and memberships go with the user (ON DELETE CASCADE).
            try await db.execute("DELETE FROM users WHERE id = ?", [.id(id)])
        }
    }

    public func createAccessToken(userID: StoreID, tokenHash: String, expiresAt: Date) async throws(StoreError)
        -> AccessToken
    {
        let token = AccessToken(
            id: .random("ses"), userID: userID, tokenHash: tokenHash, createdAt: Self.now(),
            expiresAt: expiresAt.storePrecision
        )
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO access_tokens (\(AccessToken.columns)) VALUES (?, ?, ?, ?, ?, NULL)",
                    [.id(token.id), .id(userID), .text(tokenHash), .date(token.createdAt), .date(token.expiresAt)]
                )
            }
        } catch let error where error.code == .notFound {
            throw StoreError(.notFound, "user not found")
        } catch let error where error.code == .conflict {
            throw StoreError(.conflict, "the session token already exists")
        }
        return token
    }

    public func accessToken(hash tokenHash: String) async throws(StoreError) -> AccessToken? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(AccessToken.columns) FROM access_tokens WHERE token_hash = ?", [.text(tokenHash)],
                AccessToken.init(row:)
            )
        }
    }

    public func revokeAccessToken(id: StoreID) async throws(StoreError) {
        let revoked = try await database.access { db throws(StoreError) in
            try await db.exists(
                "UPDATE access_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ? RETURNING id",
                [.date(Self.now()), .id(id)]
            )
        }
        guard revoked else { throw StoreError(.notFound, "session not found") }
    }

    public func apiKey(hash keyHash: String) async throws(StoreError) -> APIKey? {
        try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT \(APIKey.columns) FROM api_keys WHERE key_hash = ?", [.text(keyHash)], APIKey.init(row:)
            )
        }
    }
}
