import Foundation
import WeftJSON
import WeftStore

/// Objects to store in tests.
enum StoreSamples {
    /// A date with whole milliseconds, as a store keeps them: `offset` seconds after a fixed moment.
    static func date(_ offset: Double = 0) -> Date {
        Date(timeIntervalSince1970: (1_767_225_600_000 + (offset * 1000).rounded()) / 1000)
    }

    /// A user with an email made from `name`.
    static func user(_ store: any WeftStore, _ name: String = "ada") async throws -> User {
        try await store.createUser(email: "\(name)@example.com", name: name.capitalized, passwordHash: "$2b$12$\(name)")
    }

    /// A new organization owned by a new user.
    static func organization(_ store: any WeftStore, owner name: String = "owner") async throws
        -> (tenant: any TenantStore, owner: User)
    {
        let owner = try await user(store, name)
        let tenant = try await store.createTenant(name: "\(name)'s organization", owner: owner.id)
        return (store.tenant(tenant.id), owner)
    }

    /// The YAML of a flow.
    static func flowSource(_ name: String, step: String = "hello") -> String {
        "weft: 1\nflow: \(name)\ntrigger: { manual: {} }\nsteps:\n  - id: \(step)\n    map: '{ \"ok\": true }'\n"
    }

    /// A connection of `tenant` named `name`.
    static func connection(
        _ tenant: StoreID, _ name: String, app: String = "shop", secrets: [UInt8] = [1, 2, 3, 0, 255],
        at date: Date = date()
    ) -> StoredConnection {
        StoredConnection(
            id: .random("con"), tenantID: tenant, name: name, appID: app,
            values: ["shop": "acme", "region": ["eu", 1.5, true, nil], "nested": ["ü": "✓ \"quoted\"\n"]],
            sealedSecrets: secrets, createdAt: date, updatedAt: date
        )
    }

    /// A run of `flow`, created `offset` seconds after ``date(_:)``.
    static func run(
        _ tenant: StoreID, flow: StoreID, version: Int = 1, state: String = "succeeded", offset: Double = 0,
        id: StoreID = .random("run")
    ) -> StoredRun {
        StoredRun(
            id: id, tenantID: tenant, flowID: flow, flowVersion: version, state: state, trigger: "manual",
            createdAt: date(offset), finishedAt: state == "queued" || state == "running" ? nil : date(offset + 1),
            record: ["steps": [["id": "hello", "state": .string(state), "output": ["n": 1]]], "input": [:]]
        )
    }
}
