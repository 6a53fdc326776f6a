import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let flows: [StoreCheck] = [
        StoreCheck("flows: created with version 1, found by id and by name") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let source = StoreSamples.flowSource("orders")
            let flow = try await tenant.createFlow(
                name: "orders", source: source, appVersions: [:], createdBy: owner.id)
            #expect(flow.id.rawValue.hasPrefix("flw_"))
            #expect(flow.tenantID == tenant.tenantID)
            #expect(flow.name == "orders")
            #expect(flow.latestVersion == 1)
            #expect(flow.enabled)
            #expect(flow.updatedAt == flow.createdAt)
            #expect(try await tenant.flow(id: flow.id) == flow)
            #expect(try await tenant.flow(name: "orders") == flow)
            #expect(try await tenant.flow(name: "Orders") == nil)
            #expect(try await tenant.flow(id: "flw_missing") == nil)
            let version = try #require(try await tenant.flowVersion(flowID: flow.id, version: 1))
            #expect(
                version
                    == FlowVersion(
                        flowID: flow.id, version: 1, source: source, createdBy: owner.id, createdAt: flow.createdAt
                    ))
            #expect(try await tenant.flowVersions(flowID: flow.id) == [version])
            #expect(try await tenant.flowVersion(flowID: flow.id, version: 2) == nil)
        },
        StoreCheck("flows: each version keeps the app versions it pins") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(
                name: "orders", source: "v1", appVersions: ["slack": "1.0.0", "crm": "2.3.1"], createdBy: owner.id)
            _ = try await tenant.addFlowVersion(
                flowID: flow.id, source: "v2", appVersions: ["slack": "1.1.0"], createdBy: owner.id)
            let first = try #require(try await tenant.flowVersion(flowID: flow.id, version: 1))
            #expect(first.appVersions == ["slack": "1.0.0", "crm": "2.3.1"])
            let versions = try await tenant.flowVersions(flowID: flow.id)
            #expect(versions.map(\.appVersions) == [["slack": "1.1.0"], ["slack": "1.0.0", "crm": "2.3.1"]])
        },
        StoreCheck("flows: a name is unique in an organization") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            _ = try await tenant.createFlow(name: "orders", source: "a", appVersions: [:], createdBy: owner.id)
            let error = await expectStoreError(.conflict) {
                try await tenant.createFlow(name: "orders", source: "b", appVersions: [:], createdBy: owner.id)
            }
            #expect(error?.message.contains("orders") == true)
            #expect(try await tenant.flows().count == 1)
            let kept = try #require(try await tenant.flow(name: "orders"))
            #expect(try await tenant.flowVersions(flowID: kept.id).map(\.source) == ["a"])
            await expectStoreError(.notFound) {
                try await store.tenant("org_missing").createFlow(
                    name: "orders", source: "a", appVersions: [:], createdBy: owner.id)
            }
        },
        StoreCheck("flows: versions are added, numbered, listed newest first, and immutable") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let bob = try await StoreSamples.user(store, "bob")
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let second = try await tenant.addFlowVersion(
                flowID: flow.id, source: "v2", appVersions: [:], createdBy: bob.id)
            #expect(second.id == flow.id)
            #expect(second.latestVersion == 2)
            #expect(second.createdAt == flow.createdAt)
            #expect(second.updatedAt >= flow.updatedAt)
            let third = try await tenant.addFlowVersion(
                flowID: flow.id, source: "v3", appVersions: [:], createdBy: owner.id)
            #expect(third.latestVersion == 3)
            #expect(try await tenant.flow(id: flow.id) == third)
            let versions = try await tenant.flowVersions(flowID: flow.id)
            #expect(versions.map(\.version) == [3, 2, 1])
            #expect(versions.map(\.source) == ["v3", "v2", "v1"])
            #expect(versions.map(\.createdBy) == [owner.id, bob.id, owner.id])
            #expect(versions.allSatisfy { $0.flowID == flow.id })
            #expect(try await tenant.flowVersion(flowID: flow.id, version: 2)?.source == "v2")
            await expectStoreError(.notFound) {
                try await tenant.addFlowVersion(
                    flowID: "flw_missing", source: "x", appVersions: [:], createdBy: owner.id)
            }
            #expect(try await tenant.flowVersions(flowID: "flw_missing").isEmpty)
        },
        StoreCheck("flows: listed by name; enabled and disabled") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            for name in ["zeta", "alpha", "mid"] {
                _ = try await tenant.createFlow(name: name, source: name, appVersions: [:], createdBy: owner.id)
            }
            #expect(try await tenant.flows().map(\.name) == ["alpha", "mid", "zeta"])
            #expect(try await tenant.flows(after: nil, limit: 2).map(\.name) == ["alpha", "mid"])
            #expect(try await tenant.flows(after: "mid", limit: 2).map(\.name) == ["zeta"])
            #expect(try await tenant.flows(after: "zeta", limit: nil).isEmpty)
            let alpha = try #require(try await tenant.flow(name: "alpha"))
            let disabled = try await tenant.setFlowEnabled(flowID: alpha.id, enabled: false)
            #expect(!disabled.enabled)
            #expect(disabled.latestVersion == alpha.latestVersion)
            #expect(try await tenant.flow(id: alpha.id) == disabled)
            #expect(try await tenant.flows().filter(\.enabled).map(\.name) == ["mid", "zeta"])
            #expect(try await tenant.setFlowEnabled(flowID: alpha.id, enabled: true).enabled)
            await expectStoreError(.notFound) { try await tenant.setFlowEnabled(flowID: "flw_missing", enabled: true) }
        },
        StoreCheck("flows: deleted with their versions and runs, and no other flow's") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let orders = try await tenant.createFlow(
                name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.addFlowVersion(flowID: orders.id, source: "v2", appVersions: [:], createdBy: owner.id)
            let invoices = try await tenant.createFlow(
                name: "invoices", source: "v1", appVersions: [:], createdBy: owner.id)
            for offset in 0..<3 {
                try await tenant.saveRun(StoreSamples.run(tenant.tenantID, flow: orders.id, offset: Double(offset)))
            }
            let kept = StoreSamples.run(tenant.tenantID, flow: invoices.id)
            try await tenant.saveRun(kept)
            try await tenant.deleteFlow(id: orders.id)
            #expect(try await tenant.flow(id: orders.id) == nil)
            #expect(try await tenant.flowVersions(flowID: orders.id).isEmpty)
            #expect(try await tenant.flowVersion(flowID: orders.id, version: 1) == nil)
            #expect(try await tenant.runs(RunQuery(flowID: orders.id)).runs.isEmpty)
            #expect(try await tenant.runs(RunQuery()).runs == [kept])
            #expect(try await tenant.flows().map(\.id) == [invoices.id])
            await expectStoreError(.notFound) { try await tenant.deleteFlow(id: orders.id) }
            // The name is free again, and numbering starts over.
            let again = try await tenant.createFlow(
                name: "orders", source: "new", appVersions: [:], createdBy: owner.id)
            #expect(again.latestVersion == 1)
            #expect(again.id != orders.id)
        },
    ]
}
