import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let apps: [StoreCheck] = [
        StoreCheck("apps: versions saved side by side; a saved version is immutable") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let first = try await tenant.saveApp(appID: "shop", version: "1.0.0", source: "v1", createdBy: owner.id)
            #expect(first.appID == "shop")
            #expect(first.version == "1.0.0")
            #expect(first.source == "v1")
            #expect(first.createdBy == owner.id)
            #expect(try await tenant.app(id: "shop", version: "1.0.0") == first)
            let error = await expectStoreError(.conflict) {
                try await tenant.saveApp(appID: "shop", version: "1.0.0", source: "changed", createdBy: owner.id)
            }
            #expect(error?.message.contains("1.0.0") == true)
            #expect(try await tenant.app(id: "shop", version: "1.0.0")?.source == "v1")
            _ = try await tenant.saveApp(appID: "shop", version: "1.1.0", source: "v1.1", createdBy: owner.id)
            #expect(try await tenant.appVersions(id: "shop").map(\.version) == ["1.1.0", "1.0.0"])
            #expect(try await tenant.app(id: "shop", version: "2.0.0") == nil)
            #expect(try await tenant.app(id: "crm", version: nil) == nil)
            #expect(try await tenant.appVersions(id: "crm").isEmpty)
            await expectStoreError(.notFound) {
                try await store.tenant("org_missing").saveApp(
                    appID: "a", version: "1.0.0", source: "", createdBy: owner.id)
            }
        },
        StoreCheck("apps: newest by semantic version, not by text or by date") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            for version in ["1.9.0", "1.10.0", "2.0.0", "2.0.0-beta", "1.2.3"] {
                _ = try await tenant.saveApp(appID: "shop", version: version, source: version, createdBy: owner.id)
            }
            #expect(try await tenant.app(id: "shop", version: nil)?.version == "2.0.0")
            #expect(
                try await tenant.appVersions(id: "shop").map(\.version)
                    == ["2.0.0", "2.0.0-beta", "1.10.0", "1.9.0", "1.2.3"]
            )
            _ = try await tenant.saveApp(appID: "crm", version: "0.9.0", source: "x", createdBy: owner.id)
            _ = try await tenant.saveApp(appID: "crm", version: "0.10.0-rc.1", source: "y", createdBy: owner.id)
            let newest = try await tenant.apps()
            #expect(newest.map(\.appID) == ["crm", "shop"])
            #expect(newest.map(\.version) == ["0.10.0-rc.1", "2.0.0"])
            #expect(newest.map(\.source) == ["y", "2.0.0"])
        },
        StoreCheck("apps: pre-releases ordered as semantic versioning specifies") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let ascending = [
                "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "10.0.0",
            ]
            for version in [5, 0, 10, 3, 7, 1, 9, 2, 8, 6, 4].map({ ascending[$0] }) {
                _ = try await tenant.saveApp(appID: "shop", version: version, source: version, createdBy: owner.id)
            }
            #expect(try await tenant.appVersions(id: "shop").map(\.version) == Array(ascending.reversed()))
            #expect(try await tenant.app(id: "shop", version: nil)?.version == "10.0.0")
        },
        StoreCheck("apps: deleted with every version") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            for version in ["1.0.0", "1.1.0"] {
                _ = try await tenant.saveApp(appID: "shop", version: version, source: "", createdBy: owner.id)
            }
            _ = try await tenant.saveApp(appID: "crm", version: "1.0.0", source: "", createdBy: owner.id)
            try await tenant.deleteApp(id: "shop")
            #expect(try await tenant.appVersions(id: "shop").isEmpty)
            #expect(try await tenant.app(id: "shop", version: nil) == nil)
            #expect(try await tenant.apps().map(\.appID) == ["crm"])
            await expectStoreError(.notFound) { try await tenant.deleteApp(id: "shop") }
            // A deleted version may be saved again.
            _ = try await tenant.saveApp(appID: "shop", version: "1.0.0", source: "again", createdBy: owner.id)
        },
    ]
}
