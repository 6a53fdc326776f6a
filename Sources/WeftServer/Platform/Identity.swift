import WeftStore

/// Who is calling the API: a signed-in user (through a session token) or a tenant's API key.
public enum Identity: Sendable {
    case user(User, session: AccessToken)
    case apiKey(APIKey)

    /// The id recorded as the actor in the audit log.
    public var actorID: StoreID {
        switch self {
        case .user(let user, _): return user.id
        case .apiKey(let key): return key.id
        }
    }
}
