import Foundation
import Hummingbird
import WeftJSON
import WeftModel
import WeftStore

/// Inviting people by email, before or after they have an account: `/v1/orgs/{org}/invitations/*` for Admins,
/// and `/v1/invitations/accept` for the invitee. The invitation's token is shown once, to the Admin who passes it
/// on; the invitee presents it signed in with the invited email (or signs up with it), and joins with the role.
struct InvitationRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs/:org/invitations", "Invite an email with a role (the token is shown once)", role: .admin,
            body: ["email", "role"], success: .created
        ) { request, context in try await invite(request, context) }
        api.on(.get, "orgs/:org/invitations", "The pending invitations", role: .admin) { _, context in
            try await list(context)
        }
        api.on(
            .delete, "orgs/:org/invitations/:invitation", "Withdraw an invitation", role: .admin, success: .noContent
        ) { _, context in try await withdraw(context) }
        api.on(
            .post, "invitations/accept", "Join the organization of an invitation to your email", role: nil,
            body: ["token"]
        ) { request, context in try await accept(request, context) }
    }

    func invite(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let (tenant, callerRole) = try await access.tenant(
            context.parameters.get("org") ?? "", context, role: .admin)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["email", "role"])
        let email = try body.email()
        let role = try body.enumeration("role", Role.self) ?? .viewer
        try OrganizationRoutes.check(granting: role, by: callerRole)
        if let user = try await store.user(email: email), try await tenant.membership(userID: user.id) != nil {
            throw APIError(.conflict, "already_member", "this person is already a member")
        }
        let token = Credentials.newInvitationToken()
        let invitation = try await tenant.createInvitation(
            email: email, role: role, tokenHash: Credentials.hash(token), invitedBy: context.identity!.actorID,
            expiresAt: Date().addingTimeInterval(DurationText.seconds(configuration.invitationLifetime)))
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "member.invited", target: email,
            details: ["role": .string(role.rawValue), "invitation": .string(invitation.id.rawValue)])
        // The token is in this answer only; the server keeps its hash.
        return JSONResponse.make(.created, ["invitation": invitation.json, "token": .string(token)])
    }

    func list(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(context.parameters.get("org") ?? "", context, role: .admin)
        return JSONResponse.make(.ok, ["invitations": .array(try await tenant.invitations().map(\.json))])
    }

    func withdraw(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(context.parameters.get("org") ?? "", context, role: .admin)
        let id = StoreID(context.parameters.get("invitation") ?? "")
        do throws(StoreError) {
            try await tenant.deleteInvitation(id: id)
        } catch {
            if error.code == .notFound { throw APIError.notFound("the invitation") }
            throw error
        }
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "member.invitation_withdrawn", target: id.rawValue, details: [:])
        return Response(status: .noContent)
    }

    func accept(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let user = try access.user(context)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["token"])
        let membership = try await Self.accept(
            token: try body.string("token", maximumLength: 200)!, by: user, store: store)
        return JSONResponse.make(
            .ok, ["organization_id": .string(membership.tenantID.rawValue), "role": .string(membership.role.rawValue)])
    }

    /// The invitation a token stands for, checked against the email of the account that presents it: 404 for a
    /// token that is unknown, used or expired, 403 when it invites another email.
    static func invitation(token: String, email: String, store: any WeftStore) async throws -> Invitation {
        guard let invitation = try await store.invitation(tokenHash: Credentials.hash(token)) else {
            throw APIError(.notFound, "invitation_not_found", "the invitation is unknown, used or expired")
        }
        guard invitation.email == email.lowercased() else {
            throw APIError(
                .forbidden, "invitation_for_another_email",
                "the invitation is for another email; sign in with the invited email to accept it")
        }
        return invitation
    }

    /// Uses up the invitation of `token` for `user`, recording it in the organization's audit log.
    static func accept(token: String, by user: User, store: any WeftStore) async throws -> Membership {
        let invitation = try await invitation(token: token, email: user.email, store: store)
        let membership: Membership
        do throws(StoreError) {
            membership = try await store.acceptInvitation(id: invitation.id, userID: user.id)
        } catch {
            if error.code == .notFound {
                throw APIError(.notFound, "invitation_not_found", "the invitation is unknown, used or expired")
            }
            throw error
        }
        try await store.tenant(invitation.tenantID).appendAudit(
            actor: user.id, action: "member.joined", target: user.id.rawValue,
            details: ["role": .string(membership.role.rawValue), "invitation": .string(invitation.id.rawValue)])
        return membership
    }
}
