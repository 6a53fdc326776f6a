import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let concurrency: [StoreCheck] = [
        StoreCheck("concurrency: simultaneous writes are each applied once") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let latest = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await tenant.addFlowVersion(
                            flowID: flow.id, source: "v\(index)", appVersions: [:], createdBy: owner.id
                        )
                        .latestVersion
                    }
                    group.addTask {
                        _ = try await tenant.createFlow(
                            name: "flow-\(index)", source: "x", appVersions: [:], createdBy: owner.id)
                        return 0
                    }
                }
                var numbers: [Int] = []
                for try await number in group where number > 0 { numbers.append(number) }
                return numbers
            }
            #expect(latest.sorted() == Array(2...21))
            #expect(try await tenant.flowVersions(flowID: flow.id).map(\.version) == Array((1...21).reversed()))
            #expect(try await tenant.flows().count == 21)
        }
    ]
}
