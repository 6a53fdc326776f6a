import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let organizations: [StoreCheck] = [
        StoreCheck("organizations: created with their creator as the owner") { store in
            let owner = try await StoreSamples.user(store)
            let tenant = try await store.createTenant(name: "Acme", owner: owner.id)
            #expect(tenant.name == "Acme")
            #expect(tenant.id.rawValue.hasPrefix("org_"))
            let organization = store.tenant(tenant.id)
            #expect(organization.tenantID == tenant.id)
            #expect(try await organization.details() == tenant)
            let membership = try #require(try await organization.membership(userID: owner.id))
            #expect(membership.role == .owner)
            #expect(membership.tenantID == tenant.id)
            #expect(membership.userID == owner.id)
            let members = try await organization.members()
            #expect(members.map(\.user) == [owner])
            #expect(members.map(\.membership) == [membership])
            await expectStoreError(.notFound) { try await store.createTenant(name: "Nobody's", owner: "usr_missing") }
            #expect(try await store.tenant("org_missing").details() == nil)
        },
        StoreCheck("organizations: a user's memberships list each organization with their role") { store in
            let ada = try await StoreSamples.user(store, "ada")
            let bob = try await StoreSamples.user(store, "bob")
            let acme = try await store.createTenant(name: "Acme", owner: ada.id)
            let blue = try await store.createTenant(name: "Blue", owner: bob.id)
            _ = try await store.tenant(blue.id).setRole(.viewer, userID: ada.id)
            let memberships = try await store.memberships(userID: ada.id)
            #expect(memberships.map(\.tenant) == [acme, blue])
            #expect(memberships.map(\.role) == [.owner, .viewer])
            #expect(try await store.memberships(userID: bob.id).map(\.tenant) == [blue])
            #expect(try await store.memberships(userID: "usr_missing").isEmpty)
        },
        StoreCheck("invitations: pending until accepted once, replaced per email, withdrawn, and never cross tenants") {
            store in
            let (acme, owner) = try await StoreSamples.organization(store, owner: "ada")
            let (blue, _) = try await StoreSamples.organization(store, owner: "bob")
            let week = Date().addingTimeInterval(7 * 86_400)
            let first = try await acme.createInvitation(
                email: "Cy@Example.com", role: .viewer, tokenHash: "h1", invitedBy: owner.id, expiresAt: week)
            #expect(first.email == "cy@example.com" && first.id.rawValue.hasPrefix("inv_"))
            let second = try await acme.createInvitation(
                email: "cy@example.com", role: .builder, tokenHash: "h2", invitedBy: owner.id, expiresAt: week)
            #expect(try await acme.invitations() == [second], "a new invitation of the same email replaces the old")
            #expect(try await store.invitation(tokenHash: "h1") == nil)
            #expect(try await store.invitation(tokenHash: "h2") == second)
            #expect(try await blue.invitations().isEmpty)
            _ = try await acme.createInvitation(
                email: "old@example.com", role: .admin, tokenHash: "h3", invitedBy: owner.id,
                expiresAt: Date().addingTimeInterval(-1))
            #expect(try await store.invitation(tokenHash: "h3") == nil, "expired invitations are not found")
            #expect(try await acme.invitations() == [second])

            let cy = try await StoreSamples.user(store, "cy")
            await expectStoreError(.notFound) { try await blue.deleteInvitation(id: second.id) }
            let membership = try await store.acceptInvitation(id: second.id, userID: cy.id)
            #expect(membership.tenantID == acme.tenantID && membership.role == .builder)
            #expect(try await acme.membership(userID: cy.id)?.role == .builder)
            await expectStoreError(.notFound) { _ = try await store.acceptInvitation(id: second.id, userID: cy.id) }
            #expect(try await acme.invitations().isEmpty)

            // An existing member keeps the higher role.
            let again = try await acme.createInvitation(
                email: "cy@example.com", role: .viewer, tokenHash: "h4", invitedBy: owner.id, expiresAt: week)
            #expect(try await store.acceptInvitation(id: again.id, userID: cy.id).role == .builder)
            let withdrawn = try await acme.createInvitation(
                email: "dee@example.com", role: .viewer, tokenHash: "h5", invitedBy: owner.id, expiresAt: week)
            try await acme.deleteInvitation(id: withdrawn.id)
            #expect(try await store.invitation(tokenHash: "h5") == nil)
            await expectStoreError(.notFound) { try await acme.deleteInvitation(id: withdrawn.id) }
            await expectStoreError(.notFound) {
                _ = try await store.tenant("org_missing").createInvitation(
                    email: "x@example.com", role: .viewer, tokenHash: "h6", invitedBy: owner.id, expiresAt: week)
            }
        },
        StoreCheck("OAuth sign-ins: taken once, never after expiry, gone with their organization") { store in
            let (acme, owner) = try await StoreSamples.organization(store, owner: "ada")
            let later = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 600).rounded())
            let signIn = OAuthSignIn(
                stateHash: "s1", tenantID: acme.tenantID, connectionName: "crm", codeVerifier: "v",
                redirectURI: "https://weft.example/v1/oauth/callback", startedBy: owner.id, expiresAt: later)
            try await store.saveOAuthSignIn(signIn)
            #expect(try await store.takeOAuthSignIn(stateHash: "s1") == signIn)
            #expect(try await store.takeOAuthSignIn(stateHash: "s1") == nil, "a state is used once")
            var expired = signIn
            expired.stateHash = "s2"
            expired.expiresAt = Date().addingTimeInterval(-1)
            try await store.saveOAuthSignIn(expired)
            #expect(try await store.takeOAuthSignIn(stateHash: "s2") == nil)
            var orphan = signIn
            orphan.stateHash = "s3"
            try await store.saveOAuthSignIn(orphan)
            try await acme.delete()
            #expect(try await store.takeOAuthSignIn(stateHash: "s3") == nil)
        },
        StoreCheck("members: added, role changed, removed") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let bob = try await StoreSamples.user(store, "bob")
            let added = try await tenant.setRole(.viewer, userID: bob.id)
            #expect(added.role == .viewer)
            #expect(added.userID == bob.id)
            #expect(added.tenantID == tenant.tenantID)
            let changed = try await tenant.setRole(.admin, userID: bob.id)
            #expect(changed.role == .admin)
            #expect(changed.createdAt == added.createdAt)
            #expect(try await tenant.membership(userID: bob.id) == changed)
            let members = try await tenant.members()
            #expect(Set(members.map(\.user.id)) == [owner.id, bob.id])
            #expect(members.first { $0.user.id == bob.id }?.membership == changed)
            try await tenant.removeMember(userID: bob.id)
            #expect(try await tenant.membership(userID: bob.id) == nil)
            #expect(try await store.user(id: bob.id) == bob)
            await expectStoreError(.notFound) { try await tenant.removeMember(userID: bob.id) }
            await expectStoreError(.notFound) { try await tenant.setRole(.viewer, userID: "usr_missing") }
        },
        StoreCheck("members: the last owner can be neither demoted nor removed") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            for role in [Role.admin, .builder, .viewer] {
                await expectStoreError(.invalid) { try await tenant.setRole(role, userID: owner.id) }
            }
            await expectStoreError(.invalid) { try await tenant.removeMember(userID: owner.id) }
            #expect(try await tenant.membership(userID: owner.id)?.role == .owner)
            // Setting the owner's role to owner again is fine.
            #expect(try await tenant.setRole(.owner, userID: owner.id).role == .owner)
            let bob = try await StoreSamples.user(store, "bob")
            _ = try await tenant.setRole(.owner, userID: bob.id)
            #expect(try await tenant.setRole(.viewer, userID: owner.id).role == .viewer)
            await expectStoreError(.invalid) { try await tenant.removeMember(userID: bob.id) }
            _ = try await tenant.setRole(.owner, userID: owner.id)
            try await tenant.removeMember(userID: bob.id)
            #expect(try await tenant.members().map(\.user.id) == [owner.id])
        },
        StoreCheck("organizations: deleted with everything they own") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let (other, _) = try await StoreSamples.organization(store, owner: "other")
            let flow = try await tenant.createFlow(
                name: "orders", source: StoreSamples.flowSource("orders"), appVersions: [:], createdBy: owner.id
            )
            try await tenant.saveRun(StoreSamples.run(tenant.tenantID, flow: flow.id))
            _ = try await tenant.saveApp(appID: "shop", version: "1.0.0", source: "app: shop", createdBy: owner.id)
            try await tenant.saveConnection(StoreSamples.connection(tenant.tenantID, "shop-prod"))
            let key = try await tenant.createAPIKey(name: "ci", role: .builder, keyHash: "key-hash", prefix: "wk_1")
            try await tenant.appendAudit(actor: owner.id, action: "flow.created", target: "orders", details: [:])
            try await tenant.setWrappedDataKey([9, 9, 9])
            try await other.setWrappedDataKey([7])

            try await tenant.delete()
            #expect(try await tenant.details() == nil)
            #expect(try await tenant.members().isEmpty)
            #expect(try await tenant.flows().isEmpty)
            #expect(try await tenant.flowVersions(flowID: flow.id).isEmpty)
            #expect(try await tenant.runs(RunQuery()).runs.isEmpty)
            #expect(try await tenant.apps().isEmpty)
            #expect(try await tenant.connections().isEmpty)
            #expect(try await tenant.apiKeys().isEmpty)
            #expect(try await store.apiKey(hash: key.keyHash) == nil)
            #expect(try await tenant.auditLog(limit: 10, before: nil).isEmpty)
            #expect(try await tenant.wrappedDataKey() == nil)
            #expect(try await store.memberships(userID: owner.id).isEmpty)
            #expect(try await store.user(id: owner.id) == owner)
            #expect(try await store.wrappedDataKeys().map(\.tenantID) == [other.tenantID])
            await expectStoreError(.notFound) { try await tenant.delete() }
        },
        StoreCheck("data keys: none at first, set and replaced per organization, listed for all") { store in
            let (acme, _) = try await StoreSamples.organization(store, owner: "ada")
            let (blue, _) = try await StoreSamples.organization(store, owner: "bob")
            #expect(try await acme.wrappedDataKey() == nil)
            #expect(try await store.wrappedDataKeys().isEmpty)
            let key = (0..<60).map { UInt8($0 * 7 % 256) }
            try await acme.setWrappedDataKey(key)
            #expect(try await acme.wrappedDataKey() == key)
            #expect(try await blue.wrappedDataKey() == nil)
            try await blue.setWrappedDataKey([0, 0, 1])
            try await acme.setWrappedDataKey([42])
            #expect(try await acme.wrappedDataKey() == [42])
            let all = try await store.wrappedDataKeys()
            #expect(all.count == 2)
            #expect(all.first { $0.tenantID == acme.tenantID }?.wrappedKey == [42])
            #expect(all.first { $0.tenantID == blue.tenantID }?.wrappedKey == [0, 0, 1])
            await expectStoreError(.notFound) { try await store.tenant("org_missing").setWrappedDataKey([1]) }
        },
        StoreCheck("data keys: the first one created wins, also when created at the same time") { store in
            let (acme, _) = try await StoreSamples.organization(store, owner: "ada")
            let winners = try await withThrowingTaskGroup(of: [UInt8].self) { group in
                for index in 0..<8 { group.addTask { try await acme.createWrappedDataKey([UInt8(index), 1, 2]) } }
                return try await group.reduce(into: Set<[UInt8]>()) { $0.insert($1) }
            }
            #expect(winners.count == 1, "every creator is told the one key stored")
            #expect(try await acme.wrappedDataKey() == winners.first)
            #expect(try await acme.createWrappedDataKey([9]) == winners.first)
            await expectStoreError(.notFound) { _ = try await store.tenant("org_missing").createWrappedDataKey([1]) }
        },
    ]

    static let apiKeysAndAudit: [StoreCheck] = [
        StoreCheck("API keys: created, listed, revoked, found by hash with their organization") { store in
            let (tenant, _) = try await StoreSamples.organization(store)
            let ci = try await tenant.createAPIKey(name: "ci", role: .builder, keyHash: "hash-ci", prefix: "wk_ci")
            let ops = try await tenant.createAPIKey(name: "ops", role: .admin, keyHash: "hash-ops", prefix: "wk_op")
            #expect(ci.tenantID == tenant.tenantID)
            #expect(ci.name == "ci")
            #expect(ci.role == .builder)
            #expect(ci.keyHash == "hash-ci")
            #expect(ci.prefix == "wk_ci")
            #expect(ci.revokedAt == nil)
            #expect(Set(try await tenant.apiKeys().map(\.id)) == [ci.id, ops.id])
            #expect(try await store.apiKey(hash: "hash-ops") == ops)
            #expect(try await store.apiKey(hash: "nope") == nil)
            try await tenant.revokeAPIKey(id: ci.id)
            let revoked = try #require(try await store.apiKey(hash: "hash-ci"))
            let revokedAt = try #require(revoked.revokedAt)
            #expect(try await tenant.apiKeys().first { $0.id == ci.id }?.revokedAt == revokedAt)
            try await tenant.revokeAPIKey(id: ci.id)
            #expect(try await store.apiKey(hash: "hash-ci")?.revokedAt == revokedAt)
            #expect(try await store.apiKey(hash: "hash-ops")?.revokedAt == nil)
            await expectStoreError(.notFound) { try await tenant.revokeAPIKey(id: "key_missing") }
            await expectStoreError(.conflict) {
                try await tenant.createAPIKey(name: "again", role: .viewer, keyHash: "hash-ci", prefix: "wk_ci")
            }
            await expectStoreError(.notFound) {
                try await store.tenant("org_missing").createAPIKey(name: "x", role: .viewer, keyHash: "h", prefix: "p")
            }
        },
        StoreCheck("audit: newest first, limited, strictly before a date") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            #expect(try await tenant.auditLog(limit: 10, before: nil).isEmpty)
            for index in 0..<5 {
                try await tenant.appendAudit(
                    actor: owner.id, action: "flow.created", target: "flow-\(index)",
                    details: ["index": .number(Double(index)), "tags": ["a", "b"], "note": "“quoted”\n"]
                )
            }
            let all = try await tenant.auditLog(limit: 10, before: nil)
            #expect(all.map(\.target) == ["flow-4", "flow-3", "flow-2", "flow-1", "flow-0"])
            #expect(all.allSatisfy { $0.tenantID == tenant.tenantID && $0.actor == owner.id })
            #expect(all.allSatisfy { $0.action == "flow.created" })
            #expect(all.last?.details == ["index": 0, "tags": ["a", "b"], "note": "“quoted”\n"])
            #expect(Set(all.map(\.id)).count == 5)
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.at >= $1.at })
            #expect(try await tenant.auditLog(limit: 2, before: nil).map(\.target) == ["flow-4", "flow-3"])
            #expect(try await tenant.auditLog(limit: 0, before: nil).isEmpty)
            let newest = try #require(all.first)
            let older = try await tenant.auditLog(limit: 10, before: newest.at)
            #expect(older.allSatisfy { $0.at < newest.at })
            #expect(older.count == all.filter { $0.at < newest.at }.count)
            #expect(try await tenant.auditLog(limit: 10, before: newest.at.addingTimeInterval(1)).count == 5)
            #expect(try await tenant.auditLog(limit: 10, before: all[4].at).isEmpty)
        },
    ]
}
