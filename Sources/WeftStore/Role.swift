/// What a member of an organization may do there. Each role includes everything of the roles below it.
public enum Role: String, Sendable, CaseIterable, Comparable, Codable {
    /// Reads everything except secrets: flows, runs, logs, apps, connections (masked).
    case viewer
    /// Builds: creates and edits apps, connections and flows, runs and retries flows.
    case builder
    /// Administers: members (except owners), API keys, the audit log.
    case admin
    /// Owns: everything, including other owners and deleting the organization.
    case owner

    private var rank: Int {
        switch self {
        case .viewer: return 0
        case .builder: return 1
        case .admin: return 2
        case .owner: return 3
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// Whether this role may do what `required` may.
    public func includes(_ required: Role) -> Bool { self >= required }
}
