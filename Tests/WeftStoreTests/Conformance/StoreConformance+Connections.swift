import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let connections: [StoreCheck] = [
        StoreCheck("connections: saved, found by name, sealed bytes and values round-trip exactly") { store in
            let (tenant, _) = try await StoreSamples.organization(store)
            let sealed = (0...255).map { UInt8($0) } + [0, 0, 0]
            let connection = StoreSamples.connection(tenant.tenantID, "shop-prod", secrets: sealed)
            try await tenant.saveConnection(connection)
            let stored = try #require(try await tenant.connection(name: "shop-prod"))
            #expect(stored == connection)
            #expect(stored.sealedSecrets == sealed)
            #expect(stored.values.serialized() == connection.values.serialized())
            #expect(try await tenant.connection(name: "Shop-prod") == nil)
            let empty = StoreSamples.connection(tenant.tenantID, "empty", secrets: [])
            try await tenant.saveConnection(empty)
            #expect(try await tenant.connection(name: "empty")?.sealedSecrets == [])
        },
        StoreCheck("connections: saving a name again replaces that connection") { store in
            let (tenant, _) = try await StoreSamples.organization(store)
            let first = StoreSamples.connection(tenant.tenantID, "shop-prod", secrets: [1])
            try await tenant.saveConnection(first)
            var second = StoreSamples.connection(tenant.tenantID, "shop-prod", app: "shop2", secrets: [2, 2])
            second.values = ["shop": "other"]
            second.updatedAt = StoreSamples.date(60)
            try await tenant.saveConnection(second)
            #expect(try await tenant.connections() == [second])
            var third = second
            third.sealedSecrets = [3]
            try await tenant.saveConnection(third)
            #expect(try await tenant.connection(name: "shop-prod") == third)
        },
        StoreCheck("connections: listed by name, deleted by name") { store in
            let (tenant, _) = try await StoreSamples.organization(store)
            for name in ["zeta", "alpha", "mid"] {
                try await tenant.saveConnection(StoreSamples.connection(tenant.tenantID, name))
            }
            #expect(try await tenant.connections().map(\.name) == ["alpha", "mid", "zeta"])
            try await tenant.deleteConnection(name: "mid")
            #expect(try await tenant.connections().map(\.name) == ["alpha", "zeta"])
            #expect(try await tenant.connection(name: "mid") == nil)
            await expectStoreError(.notFound) { try await tenant.deleteConnection(name: "mid") }
        },
        StoreCheck("connections: another organization's connection or id is refused") { store in
            let (tenant, _) = try await StoreSamples.organization(store)
            let (other, _) = try await StoreSamples.organization(store, owner: "other")
            await expectStoreError(.invalid) {
                try await tenant.saveConnection(StoreSamples.connection(other.tenantID, "shop"))
            }
            let theirs = StoreSamples.connection(other.tenantID, "theirs")
            try await other.saveConnection(theirs)
            var copy = StoreSamples.connection(tenant.tenantID, "mine")
            copy.id = theirs.id
            await expectStoreError(.conflict) { try await tenant.saveConnection(copy) }
            #expect(try await tenant.connections().isEmpty)
            #expect(try await other.connections() == [theirs])
        },
    ]
}
