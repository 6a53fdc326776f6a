import WeftJSON
import WeftRuntime
import WeftStore

// How the API shows stored records: ids, names and times; never hashes or sealed secrets.

extension User {
    var json: JSON {
        [
            "id": .string(id.rawValue), "email": .string(email), "name": .string(name),
            "created_at": .string(ISO8601.string(createdAt)),
        ]
    }
}

extension Tenant {
    var json: JSON {
        ["id": .string(id.rawValue), "name": .string(name), "created_at": .string(ISO8601.string(createdAt))]
    }
}

extension APIKey {
    var json: JSON {
        var object: JSONObject = [
            "id": .string(id.rawValue), "name": .string(name), "role": .string(role.rawValue),
            "prefix": .string(prefix), "created_at": .string(ISO8601.string(createdAt)),
        ]
        if let revokedAt { object["revoked_at"] = .string(ISO8601.string(revokedAt)) }
        return .object(object)
    }
}

extension Invitation {
    /// The invitation without its token (shown once, when it is created).
    var json: JSON {
        [
            "id": .string(id.rawValue), "email": .string(email), "role": .string(role.rawValue),
            "invited_by": .string(invitedBy.rawValue), "created_at": .string(ISO8601.string(createdAt)),
            "expires_at": .string(ISO8601.string(expiresAt)),
        ]
    }
}

extension AuditEntry {
    var json: JSON {
        [
            "id": .string(id.rawValue), "actor": .string(actor.rawValue), "action": .string(action),
            "target": .string(target), "details": details, "at": .string(ISO8601.string(at)),
        ]
    }
}

extension StoredFlow {
    var json: JSON {
        [
            "id": .string(id.rawValue), "name": .string(name), "enabled": .bool(enabled),
            "latest_version": .number(Double(latestVersion)), "created_at": .string(ISO8601.string(createdAt)),
            "updated_at": .string(ISO8601.string(updatedAt)),
        ]
    }
}
