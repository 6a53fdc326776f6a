import Foundation
import Hummingbird
import Testing
import WeftJSON

/// Inviting people by email before they have an account, and everything an invitation must refuse.
@Suite("Invitations API")
struct InvitationAPITests {
    @Test("an Admin invites an email; the invitee signs up with the token and joins with the role, once")
    func inviteBeforeSignUp() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let invited = try await client.call(
                .post, "/v1/orgs/\(org)/invitations", token: ada.token,
                json: ["email": "Cy@Example.com", "role": "builder"])
            #expect(invited.status == .created)
            let token = try #require(invited.body?["token"]?.stringValue)
            #expect(token.hasPrefix("wi_") && invited.body?["invitation"]?["email"] == "cy@example.com")
            let pending = try await client.call(.get, "/v1/orgs/\(org)/invitations", token: ada.token)
            #expect(pending.body?["invitations"]?.arrayValue?.count == 1)
            #expect(!(pending.body?.serialized().contains(token) ?? true), "the token is shown once")

            let signUp = try await client.call(
                .post, "/v1/auth/signup",
                json: [
                    "email": "cy@example.com", "name": "Cy", "password": "correct horse battery",
                    "invitation": .string(token),
                ])
            #expect(signUp.status == .created, "\(String(describing: signUp.body))")
            #expect(signUp.body?["joined"] == ["organization_id": .string(org), "role": "builder"])
            let cyToken = try #require(signUp.body?["token"]?["value"]?.stringValue)
            let me = try await client.call(.get, "/v1/me", token: cyToken)
            #expect(me.body?.serialized().contains(org) == true)
            #expect(
                try await client.call(.get, "/v1/orgs/\(org)/invitations", token: ada.token).body?["invitations"]
                    == [])
            let reused = try await client.call(
                .post, "/v1/invitations/accept", token: cyToken, json: ["token": .string(token)])
            #expect(reused.status == .notFound && reused.body?["error"]?["code"] == "invitation_not_found")
            let audit = try await client.call(.get, "/v1/orgs/\(org)/audit", token: ada.token)
            let actions = audit.body?["entries"]?.arrayValue?.compactMap { $0["action"]?.stringValue } ?? []
            #expect(actions.contains("member.invited") && actions.contains("member.joined"))
        }
    }

    @Test("an existing account accepts signed in; other emails, API keys, bad tokens and withdrawn ones are refused")
    func refusals() async throws {
        try await PlatformTestServer().test { client in
            let ada = try await client.signUp("ada@example.com")
            let bob = try await client.signUp("bob@example.com")
            let eve = try await client.signUp("eve@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let invitations = "/v1/orgs/\(org)/invitations"
            let forBob = try await client.call(.post, invitations, token: ada.token, json: ["email": "bob@example.com"])
            let token = try #require(forBob.body?["token"]?.stringValue)

            let stolen = try await client.call(
                .post, "/v1/invitations/accept", token: eve.token, json: ["token": .string(token)])
            #expect(stolen.status == .forbidden && stolen.body?["error"]?["code"] == "invitation_for_another_email")
            let key = try await client.call(
                .post, "/v1/orgs/\(org)/api-keys", token: ada.token, json: ["name": "ci", "role": "admin"])
            let secret = try #require(key.body?["secret"]?.stringValue)
            #expect(
                try await client.call(.post, "/v1/invitations/accept", token: secret, json: ["token": .string(token)])
                    .status == .forbidden)
            let accepted = try await client.call(
                .post, "/v1/invitations/accept", token: bob.token, json: ["token": .string(token)])
            #expect(accepted.status == .ok && accepted.body?["role"] == "viewer")
            let again = try await client.call(.post, invitations, token: ada.token, json: ["email": "bob@example.com"])
            #expect(again.status == .conflict && again.body?["error"]?["code"] == "already_member")

            _ = try await client.call(
                .post, "/v1/orgs/\(org)/members", token: ada.token, json: ["email": "eve@example.com", "role": "admin"])
            let owner = try await client.call(
                .post, invitations, token: eve.token, json: ["email": "dee@example.com", "role": "owner"])
            #expect(owner.status == .forbidden, "an Admin cannot make Owners by invitation either")

            let forDee = try await client.call(.post, invitations, token: ada.token, json: ["email": "dee@example.com"])
            let deeToken = try #require(forDee.body?["token"]?.stringValue)
            let id = try #require(forDee.body?["invitation"]?["id"]?.stringValue)
            #expect(try await client.call(.delete, "\(invitations)/\(id)", token: ada.token).status == .noContent)
            #expect(try await client.call(.delete, "\(invitations)/\(id)", token: ada.token).status == .notFound)
            let late = try await client.call(
                .post, "/v1/auth/signup",
                json: [
                    "email": "dee@example.com", "name": "Dee", "password": "correct horse battery",
                    "invitation": .string(deeToken),
                ])
            #expect(late.status == .notFound, "a withdrawn invitation is refused")
            let login = try await client.call(
                .post, "/v1/auth/login", json: ["email": "dee@example.com", "password": "correct horse battery"])
            #expect(login.status == .unauthorized, "a refused sign-up creates no account")
            let malformed = try await client.call(.post, invitations, token: ada.token, json: ["email": "nobody"])
            #expect(malformed.status == .unprocessableContent)
        }
    }
}
