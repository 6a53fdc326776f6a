import Foundation
import Hummingbird
import Testing
import WeftJSON

/// Organizations, members and roles, API keys and the audit log, with the access rules between them.
@Suite("Organizations API")
struct OrganizationAPITests {
    @Test("the creator owns a new organization; a stranger cannot tell it exists")
    func createAndIsolate() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let bob = try await client.signUp("bob@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let shown = try await client.call(.get, "/v1/orgs/\(org)", token: ada.token)
            #expect(shown.status == .ok && shown.body?["role"] == "owner")
            let stranger = try await client.call(.get, "/v1/orgs/\(org)", token: bob.token)
            let missing = try await client.call(.get, "/v1/orgs/org_doesnotexist", token: bob.token)
            #expect(stranger.status == .notFound)
            #expect(stranger.body == missing.body, "a stranger's answer is the same as for no organization")
            let me = try await client.call(.get, "/v1/me", token: ada.token)
            #expect(me.body?["organizations"]?[0]?["role"] == "owner")
        }
    }

    @Test("roles decide: a Builder cannot manage members, an Admin cannot make Owners, the last Owner stays")
    func roles() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let bob = try await client.signUp("bob@example.com")
            let cy = try await client.signUp("cy@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let members = "/v1/orgs/\(org)/members"

            let added = try await client.call(
                .post, members, token: ada.token, json: ["email": "bob@example.com", "role": "builder"])
            #expect(added.status == .created && added.body?["role"] == "builder")
            let again = try await client.call(.post, members, token: ada.token, json: ["email": "bob@example.com"])
            #expect(again.status == .conflict)
            let byBuilder = try await client.call(.post, members, token: bob.token, json: ["email": "cy@example.com"])
            #expect(byBuilder.status == .forbidden && byBuilder.body?["error"]?["code"] == "forbidden")
            let listed = try await client.call(.get, members, token: bob.token)
            #expect(listed.status == .ok && listed.body?["members"]?.arrayValue?.count == 2)

            #expect(
                try await client.call(.put, "\(members)/\(bob.userID)", token: ada.token, json: ["role": "admin"])
                    .status == .ok)
            let ownerByAdmin = try await client.call(
                .post, members, token: bob.token, json: ["email": "cy@example.com", "role": "owner"])
            #expect(ownerByAdmin.status == .forbidden)
            let adaByAdmin = try await client.call(
                .put, "\(members)/\(ada.userID)", token: bob.token, json: ["role": "viewer"])
            #expect(adaByAdmin.status == .forbidden, "an Admin cannot demote an Owner")
            let badRole = try await client.call(
                .put, "\(members)/\(bob.userID)", token: ada.token, json: ["role": "god"])
            #expect(badRole.status == .unprocessableContent)
            #expect(badRole.body?["error"]?["message"]?.stringValue?.contains("`viewer`") == true)

            let lastOwnerLeaves = try await client.call(.delete, "\(members)/\(ada.userID)", token: ada.token)
            #expect(lastOwnerLeaves.status == .unprocessableContent)
            _ = try await client.call(
                .post, members, token: ada.token, json: ["email": "cy@example.com", "role": "viewer"])
            #expect(try await client.call(.delete, "\(members)/\(cy.userID)", token: cy.token).status == .noContent)
            #expect(try await client.call(.get, "/v1/orgs/\(org)", token: cy.token).status == .notFound)
            let noAccount = try await client.call(.post, members, token: ada.token, json: ["email": "zed@example.com"])
            #expect(noAccount.status == .notFound && noAccount.body?["error"]?["code"] == "no_account")
        }
    }

    @Test("an API key is shown once, works for its organization only, and stops working when revoked")
    func apiKeys() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let acme = try await client.createOrganization("Acme", token: ada.token)
            let other = try await client.createOrganization("Other", token: ada.token)
            let created = try await client.call(
                .post, "/v1/orgs/\(acme)/api-keys", token: ada.token, json: ["name": "ci", "role": "builder"])
            #expect(created.status == .created)
            let secret = try #require(created.body?["secret"]?.stringValue)
            let keyID = try #require(created.body?["api_key"]?["id"]?.stringValue)
            #expect(secret.hasPrefix("wk_"))

            let listed = try await client.call(.get, "/v1/orgs/\(acme)/api-keys", token: ada.token)
            #expect(listed.body?["api_keys"]?[0]?["prefix"]?.stringValue.map(secret.hasPrefix) == true)
            #expect(!(listed.body?.serialized().contains(secret) ?? true), "the key is never shown again")

            let viaKey = try await client.call(.get, "/v1/orgs/\(acme)", token: secret)
            #expect(viaKey.status == .ok && viaKey.body?["role"] == "builder")
            #expect(try await client.call(.get, "/v1/orgs/\(other)", token: secret).status == .notFound)
            #expect(try await client.call(.get, "/v1/orgs/\(acme)/api-keys", token: secret).status == .forbidden)
            #expect(try await client.call(.get, "/v1/me", token: secret).status == .forbidden)

            #expect(
                try await client.call(.delete, "/v1/orgs/\(acme)/api-keys/\(keyID)", token: ada.token).status
                    == .noContent)
            #expect(try await client.call(.get, "/v1/orgs/\(acme)", token: secret).status == .unauthorized)
        }
    }

    @Test("every change is in the audit log, which Admins read and Viewers cannot")
    func auditLog() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let bob = try await client.signUp("bob@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/members", token: ada.token, json: ["email": "bob@example.com"])
            _ = try await client.call(
                .put, "/v1/orgs/\(org)/members/\(bob.userID)", token: ada.token, json: ["role": "builder"])
            _ = try await client.call(.post, "/v1/orgs/\(org)/api-keys", token: ada.token, json: ["name": "ci"])
            let log = try await client.call(.get, "/v1/orgs/\(org)/audit", token: ada.token)
            let actions = log.body?["entries"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
            #expect(actions == ["api_key.created", "member.role_changed", "member.added", "organization.created"])
            #expect(log.body?["entries"]?[0]?["actor"]?.stringValue == ada.userID)
            #expect(try await client.call(.get, "/v1/orgs/\(org)/audit", token: bob.token).status == .forbidden)
            let badQuery = try await client.call(.get, "/v1/orgs/\(org)/audit?before=yesterday", token: ada.token)
            #expect(badQuery.status == .badRequest)
        }
    }

    @Test("an Owner deletes the organization; nobody else can")
    func deleteOrganization() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let bob = try await client.signUp("bob@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            _ = try await client.call(
                .post, "/v1/orgs/\(org)/members", token: ada.token, json: ["email": "bob@example.com", "role": "admin"])
            #expect(try await client.call(.delete, "/v1/orgs/\(org)", token: bob.token).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/orgs/\(org)", token: ada.token).status == .noContent)
            #expect(try await client.call(.get, "/v1/orgs/\(org)", token: ada.token).status == .notFound)
        }
    }
}
