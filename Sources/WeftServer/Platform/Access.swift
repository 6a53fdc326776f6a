import WeftStore

/// Who may do what in an organization. A caller who is not a member (or whose API key belongs elsewhere) gets
/// 404, exactly as if the organization did not exist; a member whose role is too low gets 403.
public struct Access: Sendable {
    public let store: any WeftStore

    /// The signed-in user, or 401 (API keys act for a tenant, not a person).
    public func user(_ context: WeftRequestContext) throws -> User {
        switch context.identity {
        case .user(let user, _)?: return user
        case .apiKey?: throw APIError(.forbidden, "user_required", "this endpoint is for signed-in users, not API keys")
        case nil: throw APIError.unauthenticated
        }
    }

    /// The organization `organization` as the caller may use it with at least `role`, and the caller's role.
    public func tenant(_ organization: String, _ context: WeftRequestContext, role required: Role) async throws
        -> (store: any TenantStore, role: Role)
    {
        let id = StoreID(organization)
        let role: Role
        switch context.identity {
        case nil:
            throw APIError.unauthenticated
        case .apiKey(let key)?:
            guard key.tenantID == id else { throw APIError.notFound("the organization") }
            role = key.role
        case .user(let user, _)?:
            guard let membership = try await store.tenant(id).membership(userID: user.id) else {
                throw APIError.notFound("the organization")
            }
            role = membership.role
        }
        guard role.includes(required) else { throw APIError.forbidden("the \(required.rawValue) role or higher") }
        return (store.tenant(id), role)
    }

    /// The store of the organization the request names (`:org`), for a caller with at least `role`.
    public func tenantStore(_ context: WeftRequestContext, role required: Role) async throws -> any TenantStore {
        try await tenant(context.parameters.get("org") ?? "", context, role: required).store
    }
}
