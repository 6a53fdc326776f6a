import Foundation
import Testing
import WeftStore

extension StoreConformance {
    /// Two organizations with one of everything each; what one sees and changes of the other.
    static let isolation: [StoreCheck] = [
        StoreCheck("isolation: an organization sees only its own objects") { store in
            let world = try await IsolationWorld(store)
            for tenant in [world.a, world.b] {
                #expect(try await tenant.store.details()?.id == tenant.store.tenantID)
                #expect(try await tenant.store.members().map(\.user.id) == [tenant.owner.id])
                #expect(try await tenant.store.apiKeys().map(\.id) == [tenant.key.id])
                #expect(try await tenant.store.auditLog(limit: 10, before: nil).map(\.target) == [tenant.prefix])
                #expect(Set(try await tenant.store.flows().map(\.id)) == [tenant.flow.id, tenant.shared.id])
                #expect(try await tenant.store.apps().map(\.appID) == ["\(tenant.prefix)-app", "shop"])
                #expect(try await tenant.store.apps().allSatisfy { $0.source == tenant.prefix })
                #expect(try await tenant.store.connections().map(\.name) == ["\(tenant.prefix)-only", "shared"])
                #expect(try await tenant.store.connections().allSatisfy { $0.tenantID == tenant.store.tenantID })
                #expect(try await tenant.store.wrappedDataKey() == tenant.dataKey)
                #expect(try await tenant.store.runs(RunQuery()).runs.map(\.id) == [tenant.run.id])
                // Same names, own objects.
                #expect(try await tenant.store.flow(name: "shared")?.id == tenant.shared.id)
                #expect(try await tenant.store.app(id: "shop", version: "1.0.0")?.source == tenant.prefix)
                #expect(try await tenant.store.connection(name: "shared")?.id == tenant.connection.id)
            }
        },
        StoreCheck("isolation: reads of another organization's ids and names find nothing") { store in
            let world = try await IsolationWorld(store)
            let (a, b) = (world.a.store, world.b)
            #expect(try await a.membership(userID: b.owner.id) == nil)
            #expect(try await a.flow(id: b.flow.id) == nil)
            #expect(try await a.flow(id: b.shared.id) == nil)
            #expect(try await a.flow(name: b.flow.name) == nil)
            #expect(try await a.flowVersions(flowID: b.flow.id).isEmpty)
            #expect(try await a.flowVersion(flowID: b.flow.id, version: 1) == nil)
            #expect(try await a.app(id: "b-app", version: "1.0.0") == nil)
            #expect(try await a.app(id: "b-app", version: nil) == nil)
            #expect(try await a.appVersions(id: "b-app").isEmpty)
            #expect(try await a.connection(name: "b-only") == nil)
            #expect(try await a.run(id: b.run.id) == nil)
            #expect(try await a.runs(RunQuery(flowID: b.flow.id)).runs.isEmpty)
            #expect(
                try await a.runs(RunQuery(state: b.run.state, since: b.run.createdAt)).runs.map(\.tenantID).allSatisfy {
                    $0 == a.tenantID
                })
        },
        StoreCheck("isolation: changes aimed at another organization's objects fail and change nothing") { store in
            let world = try await IsolationWorld(store)
            let (a, b) = (world.a.store, world.b)
            let before = try await TenantSnapshot(b.store)
            await expectStoreError(.notFound) { try await a.removeMember(userID: b.owner.id) }
            await expectStoreError(.notFound) { try await a.revokeAPIKey(id: b.key.id) }
            await expectStoreError(.notFound) {
                try await a.addFlowVersion(
                    flowID: b.flow.id, source: "stolen", appVersions: [:], createdBy: world.a.owner.id)
            }
            await expectStoreError(.notFound) { try await a.setFlowEnabled(flowID: b.flow.id, enabled: false) }
            await expectStoreError(.notFound) { try await a.deleteFlow(id: b.flow.id) }
            await expectStoreError(.notFound) { try await a.deleteApp(id: "b-app") }
            await expectStoreError(.notFound) { try await a.deleteConnection(name: "b-only") }
            // A run of A's that names B's run id or B's flow.
            var stolenRun = b.run
            stolenRun.tenantID = a.tenantID
            stolenRun.flowID = world.a.flow.id
            stolenRun.state = "cancelled"
            await expectStoreError(.notFound) { try await a.saveRun(stolenRun) }
            await expectStoreError(.notFound) {
                try await a.saveRun(StoreSamples.run(a.tenantID, flow: b.flow.id))
            }
            // Objects that say they are B's.
            await expectStoreError(.invalid) { try await a.saveRun(b.run) }
            var theirConnection = b.connection
            theirConnection.sealedSecrets = [0]
            await expectStoreError(.invalid) { try await a.saveConnection(theirConnection) }
            var sameID = StoreSamples.connection(a.tenantID, "taken-id")
            sameID.id = b.connection.id
            await expectStoreError(.conflict) { try await a.saveConnection(sameID) }
            // Adding B's owner to A, changing and removing them there, touches only A.
            _ = try await a.setRole(.viewer, userID: b.owner.id)
            _ = try await a.setRole(.admin, userID: b.owner.id)
            try await a.removeMember(userID: b.owner.id)
            // A's own writes under B's names.
            _ = try await a.createFlow(name: b.flow.name, source: "mine", appVersions: [:], createdBy: world.a.owner.id)
            _ = try await a.saveApp(appID: "b-app", version: "1.0.0", source: "mine", createdBy: world.a.owner.id)
            try await a.saveConnection(StoreSamples.connection(a.tenantID, "b-only", secrets: [6]))
            try await a.setWrappedDataKey([1, 1, 1])
            try await a.appendAudit(actor: world.a.owner.id, action: "x", target: "y", details: [:])
            #expect(try await TenantSnapshot(b.store) == before)
            // Deleting A leaves B whole.
            try await a.delete()
            #expect(try await TenantSnapshot(b.store) == before)
            #expect(try await store.wrappedDataKeys().map(\.tenantID) == [b.store.tenantID])
        },
    ]
}

/// Two organizations, `a` and `b`, with one of everything each.
private struct IsolationWorld {
    struct Organization {
        var prefix: String
        var store: any TenantStore
        var owner: User
        var key: APIKey
        var flow: StoredFlow
        var shared: StoredFlow
        var connection: StoredConnection
        var dataKey: [UInt8]
        var run: StoredRun

        init(_ store: any WeftStore, _ prefix: String) async throws {
            self.prefix = prefix
            (self.store, owner) = try await StoreSamples.organization(store, owner: prefix)
            let tenant = self.store
            key = try await tenant.createAPIKey(
                name: "\(prefix)-key", role: .admin, keyHash: "\(prefix)-hash", prefix: "wk_\(prefix)"
            )
            try await tenant.appendAudit(actor: owner.id, action: "flow.created", target: prefix, details: ["n": 1])
            flow = try await tenant.createFlow(
                name: "\(prefix)-flow", source: prefix, appVersions: [:], createdBy: owner.id)
            shared = try await tenant.createFlow(name: "shared", source: prefix, appVersions: [:], createdBy: owner.id)
            _ = try await tenant.saveApp(appID: "shop", version: "1.0.0", source: prefix, createdBy: owner.id)
            _ = try await tenant.saveApp(appID: "\(prefix)-app", version: "1.0.0", source: prefix, createdBy: owner.id)
            connection = StoreSamples.connection(tenant.tenantID, "shared", secrets: Array(prefix.utf8))
            try await tenant.saveConnection(connection)
            try await tenant.saveConnection(StoreSamples.connection(tenant.tenantID, "\(prefix)-only"))
            dataKey = Array("\(prefix)-data-key".utf8)
            try await tenant.setWrappedDataKey(dataKey)
            run = StoreSamples.run(tenant.tenantID, flow: flow.id, state: "failed")
            try await tenant.saveRun(run)
        }
    }

    var a: Organization
    var b: Organization

    init(_ store: any WeftStore) async throws {
        a = try await Organization(store, "a")
        b = try await Organization(store, "b")
    }
}
