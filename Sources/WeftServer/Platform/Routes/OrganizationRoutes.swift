import Foundation
import Hummingbird
import WeftJSON
import WeftRuntime
import WeftStore

/// Organizations, their members and roles, API keys and the audit log: `/v1/orgs/*`.
struct OrganizationRoutes {
    let store: any WeftStore
    let configuration: ServerConfiguration
    var access: Access { Access(store: store) }

    func add(to api: APIGroup) {
        api.on(
            .post, "orgs", "Create an organization (you become its Owner)", role: nil, body: ["name"], success: .created
        ) {
            request, context in try await create(request, context)
        }
        api.on(.get, "orgs/:org", "An organization and your role in it", role: .viewer) { _, context in
            try await show(context)
        }
        api.on(.delete, "orgs/:org", "Delete an organization and everything it owns", role: .owner, success: .noContent)
        {
            _, context in try await delete(context)
        }
        api.on(.get, "orgs/:org/members", "The members and their roles", role: .viewer) { _, context in
            try await members(context)
        }
        api.on(
            .post, "orgs/:org/members", "Add an existing account as a member", role: .admin, body: ["email", "role"],
            success: .created
        ) {
            request, context in try await addMember(request, context)
        }
        api.on(.put, "orgs/:org/members/:user", "Change a member's role", role: .admin, body: ["role"]) {
            request, context in try await changeRole(request, context)
        }
        api.on(
            .delete, "orgs/:org/members/:user", "Remove a member (any member may remove themselves: leave)",
            role: .admin, success: .noContent
        ) {
            _, context in try await removeMember(context)
        }
        api.on(
            .post, "orgs/:org/api-keys", "Create an API key (shown once)", role: .admin, body: ["name", "role"],
            success: .created
        ) {
            request, context in try await createKey(request, context)
        }
        api.on(.get, "orgs/:org/api-keys", "The API keys (without their secrets)", role: .admin) { _, context in
            try await keys(context)
        }
        api.on(.delete, "orgs/:org/api-keys/:key", "Revoke an API key", role: .admin, success: .noContent) {
            _, context in try await revokeKey(context)
        }
        api.on(.get, "orgs/:org/audit", "The audit log, newest first (?limit, ?before)", role: .admin) {
            request, context in try await audit(request, context)
        }
    }

    private func organization(_ context: WeftRequestContext) throws -> String {
        guard let id = context.parameters.get("org") else { throw APIError.notFound("the organization") }
        return id
    }

    func create(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let user = try access.user(context)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["name"])
        let tenant = try await store.createTenant(name: try body.string("name", maximumLength: 200)!, owner: user.id)
        try await store.tenant(tenant.id).appendAudit(
            actor: user.id, action: "organization.created", target: tenant.id.rawValue,
            details: ["name": .string(tenant.name)])
        return JSONResponse.make(.created, ["organization": tenant.json, "role": "owner"])
    }

    func show(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, role) = try await access.tenant(organization(context), context, role: .viewer)
        guard let details = try await tenant.details() else { throw APIError.notFound("the organization") }
        return JSONResponse.make(.ok, ["organization": details.json, "role": .string(role.rawValue)])
    }

    func delete(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(organization(context), context, role: .owner)
        try await tenant.delete()
        return Response(status: .noContent)
    }

    func members(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(organization(context), context, role: .viewer)
        let list = try await tenant.members().map { member -> JSON in
            ["user": member.user.json, "role": .string(member.membership.role.rawValue)]
        }
        return JSONResponse.make(.ok, ["members": .array(list)])
    }

    /// Adds an existing account to the organization (they sign up first).
    func addMember(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let (tenant, callerRole) = try await access.tenant(organization(context), context, role: .admin)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["email", "role"])
        let email = try body.string("email", maximumLength: 254)!.lowercased()
        let role = try body.enumeration("role", Role.self) ?? .viewer
        try Self.check(granting: role, by: callerRole)
        guard let user = try await store.user(email: email) else {
            throw APIError(
                .notFound, "no_account",
                "no account uses this email; invite them instead (POST /v1/orgs/{org}/invitations)")
        }
        guard try await tenant.membership(userID: user.id) == nil else {
            throw APIError(.conflict, "already_member", "this person is already a member")
        }
        let membership = try await tenant.setRole(role, userID: user.id)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "member.added", target: user.id.rawValue,
            details: ["role": .string(role.rawValue)])
        return JSONResponse.make(.created, ["user": user.json, "role": .string(membership.role.rawValue)])
    }

    func changeRole(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let (tenant, callerRole) = try await access.tenant(organization(context), context, role: .admin)
        let userID = StoreID(context.parameters.get("user") ?? "")
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["role"])
        guard let role = try body.enumeration("role", Role.self) else {
            throw APIError(.unprocessableContent, "missing_field", "the field `role` is required")
        }
        guard let current = try await tenant.membership(userID: userID) else { throw APIError.notFound("the member") }
        try Self.check(granting: max(role, current.role), by: callerRole)
        let membership = try await tenant.setRole(role, userID: userID)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "member.role_changed", target: userID.rawValue,
            details: ["from": .string(current.role.rawValue), "to": .string(role.rawValue)])
        return JSONResponse.make(.ok, ["user_id": .string(userID.rawValue), "role": .string(membership.role.rawValue)])
    }

    func removeMember(_ context: WeftRequestContext) async throws -> Response {
        let userID = StoreID(context.parameters.get("user") ?? "")
        // Anyone may leave; removing someone else takes an Admin (an Owner to remove an Owner).
        let leaving: Bool
        if case .user(let user, _)? = context.identity, user.id == userID { leaving = true } else { leaving = false }
        let (tenant, callerRole) = try await access.tenant(
            organization(context), context, role: leaving ? .viewer : .admin)
        guard let current = try await tenant.membership(userID: userID) else { throw APIError.notFound("the member") }
        if !leaving { try Self.check(granting: current.role, by: callerRole) }
        try await tenant.removeMember(userID: userID)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: leaving ? "member.left" : "member.removed",
            target: userID.rawValue, details: ["role": .string(current.role.rawValue)])
        return Response(status: .noContent)
    }

    func createKey(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let (tenant, callerRole) = try await access.tenant(organization(context), context, role: .admin)
        let body = try await JSONBody.read(request, configuration: configuration, allowed: ["name", "role"])
        let name = try body.string("name", maximumLength: 200)!
        let role = try body.enumeration("role", Role.self) ?? .viewer
        try Self.check(granting: role, by: callerRole)
        let secret = Credentials.newAPIKey()
        let key = try await tenant.createAPIKey(
            name: name, role: role, keyHash: Credentials.hash(secret), prefix: String(secret.prefix(10)))
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "api_key.created", target: key.id.rawValue,
            details: ["name": .string(name), "role": .string(role.rawValue)])
        // The key itself is in this answer only; the server keeps its hash.
        return JSONResponse.make(.created, ["api_key": key.json, "secret": .string(secret)])
    }

    func keys(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(organization(context), context, role: .admin)
        return JSONResponse.make(.ok, ["api_keys": .array(try await tenant.apiKeys().map(\.json))])
    }

    func revokeKey(_ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(organization(context), context, role: .admin)
        let id = StoreID(context.parameters.get("key") ?? "")
        guard try await tenant.apiKeys().contains(where: { $0.id == id }) else {
            throw APIError.notFound("the API key")
        }
        try await tenant.revokeAPIKey(id: id)
        try await tenant.appendAudit(
            actor: context.identity!.actorID, action: "api_key.revoked", target: id.rawValue, details: [:])
        return Response(status: .noContent)
    }

    func audit(_ request: Request, _ context: WeftRequestContext) async throws -> Response {
        let (tenant, _) = try await access.tenant(organization(context), context, role: .admin)
        let query = request.uri.queryParameters
        let limit = try PageLimit.parse(query["limit"].map(String.init))
        var before: Date?
        if let text = query["before"].map(String.init) {
            guard let date = ISO8601.date(text) else {
                throw APIError(
                    .badRequest, "invalid_query", "`before` must be an ISO 8601 time such as 2026-01-02T03:04:05Z")
            }
            before = date
        }
        let entries = try await tenant.auditLog(limit: limit, before: before)
        return JSONResponse.make(.ok, ["entries": .array(entries.map(\.json))])
    }

    /// Only an Owner grants or touches the Owner role; nobody grants more than their own role.
    static func check(granting role: Role, by caller: Role) throws {
        guard caller.includes(role) else {
            throw APIError.forbidden("the \(role.rawValue) role to grant or change \(role.rawValue)s")
        }
    }
}
