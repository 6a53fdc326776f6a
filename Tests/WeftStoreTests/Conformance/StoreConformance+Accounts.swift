import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let accounts: [StoreCheck] = [
        StoreCheck("users: created, found by id and by email in any case, counted") { store in
            #expect(try await store.userCount() == 0)
            let user = try await store.createUser(email: "Ada@Example.COM", name: "Ada", passwordHash: "$2b$12$x")
            #expect(user.email == "ada@example.com")
            #expect(user.name == "Ada")
            #expect(user.passwordHash == "$2b$12$x")
            #expect(user.id.rawValue.hasPrefix("usr_"))
            #expect(try await store.user(id: user.id) == user)
            #expect(try await store.user(email: "ada@example.com") == user)
            #expect(try await store.user(email: "ADA@example.com") == user)
            #expect(try await store.user(email: "bob@example.com") == nil)
            #expect(try await store.user(id: "usr_missing") == nil)
            _ = try await StoreSamples.user(store, "bob")
            #expect(try await store.userCount() == 2)
        },
        StoreCheck("users: an email is taken whatever its case") { store in
            _ = try await store.createUser(email: "ada@example.com", name: "Ada", passwordHash: "h")
            let error = await expectStoreError(.conflict) {
                try await store.createUser(email: "ADA@EXAMPLE.com", name: "Other", passwordHash: "h")
            }
            #expect(error?.message.contains("ada@example.com") == true)
            #expect(try await store.userCount() == 1)
        },
        StoreCheck("users: deleted with their sessions and memberships") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let user = try await StoreSamples.user(store, "bob")
            _ = try await tenant.setRole(.builder, userID: user.id)
            let token = try await store.createAccessToken(
                userID: user.id, tokenHash: "hash-bob", expiresAt: StoreSamples.date(3600)
            )
            try await store.deleteUser(id: user.id)
            #expect(try await store.user(id: user.id) == nil)
            #expect(try await store.user(email: user.email) == nil)
            #expect(try await store.accessToken(hash: token.tokenHash) == nil)
            #expect(try await tenant.membership(userID: user.id) == nil)
            #expect(try await store.memberships(userID: user.id).isEmpty)
            #expect(try await tenant.members().map(\.user.id) == [owner.id])
            #expect(try await store.userCount() == 1)
            await expectStoreError(.notFound) { try await store.deleteUser(id: user.id) }
            // The email is free again.
            _ = try await store.createUser(email: user.email, name: "Bob again", passwordHash: "h")
        },
        StoreCheck("users: the last owner of an organization with other members cannot be deleted") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let member = try await StoreSamples.user(store, "bob")
            _ = try await tenant.setRole(.admin, userID: member.id)
            await expectStoreError(.invalid) { try await store.deleteUser(id: owner.id) }
            #expect(try await store.user(id: owner.id) != nil)
            #expect(try await tenant.membership(userID: owner.id)?.role == .owner)
            // With a second owner, the first may go.
            _ = try await tenant.setRole(.owner, userID: member.id)
            try await store.deleteUser(id: owner.id)
            #expect(try await tenant.members().map(\.user.id) == [member.id])
        },
        StoreCheck("users: the only member of an organization can be deleted") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            try await store.deleteUser(id: owner.id)
            #expect(try await tenant.members().isEmpty)
            #expect(try await store.user(id: owner.id) == nil)
        },
        StoreCheck("sessions: created, found by hash, revoked once; expiry is the caller's check") { store in
            let user = try await StoreSamples.user(store)
            let expiry = StoreSamples.date(-60)
            let token = try await store.createAccessToken(userID: user.id, tokenHash: "abc123", expiresAt: expiry)
            #expect(token.userID == user.id)
            #expect(token.tokenHash == "abc123")
            #expect(token.expiresAt == expiry)
            #expect(token.revokedAt == nil)
            // Expired, and still returned: the caller decides.
            #expect(try await store.accessToken(hash: "abc123") == token)
            #expect(try await store.accessToken(hash: "other") == nil)
            try await store.revokeAccessToken(id: token.id)
            let revoked = try #require(try await store.accessToken(hash: "abc123"))
            let revokedAt = try #require(revoked.revokedAt)
            #expect(revoked.id == token.id)
            #expect(!revoked.isValid(at: token.createdAt))
            try await store.revokeAccessToken(id: token.id)
            #expect(try await store.accessToken(hash: "abc123")?.revokedAt == revokedAt)
            await expectStoreError(.notFound) { try await store.revokeAccessToken(id: "ses_missing") }
        },
        StoreCheck("sessions: a token hash is unique, and a session needs a user") { store in
            let user = try await StoreSamples.user(store)
            _ = try await store.createAccessToken(userID: user.id, tokenHash: "same", expiresAt: StoreSamples.date(1))
            await expectStoreError(.conflict) {
                try await store.createAccessToken(userID: user.id, tokenHash: "same", expiresAt: StoreSamples.date(1))
            }
            await expectStoreError(.notFound) {
                try await store.createAccessToken(
                    userID: "usr_missing", tokenHash: "x", expiresAt: StoreSamples.date(1))
            }
        },
    ]
}
