import Foundation
import Testing
import WeftStore

extension StoreConformance {
    static let runs: [StoreCheck] = [
        StoreCheck("runs: saved, found by id, updated in place") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            var run = StoreSamples.run(tenant.tenantID, flow: flow.id, state: "queued")
            try await tenant.saveRun(run)
            #expect(try await tenant.run(id: run.id) == run)
            #expect(try await tenant.run(id: "run_missing") == nil)
            run.state = "succeeded"
            run.finishedAt = StoreSamples.date(2.5)
            run.record = [
                "steps": [["id": "hello", "output": ["total": 12.75, "lines": [1, 2, 3]]]], "note": "é\u{0}",
            ]
            try await tenant.saveRun(run)
            #expect(try await tenant.run(id: run.id) == run)
            #expect(try await tenant.runs(RunQuery()).runs == [run])
        },
        StoreCheck("runs: many are saved in one transaction, all or none") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let runs = (0..<50).map { _ in StoreSamples.run(tenant.tenantID, flow: flow.id) }
            try await tenant.saveRuns(runs)
            #expect(try await tenant.runs(RunQuery(limit: 100)).runs.count == 50)
            var broken = (0..<3).map { _ in StoreSamples.run(tenant.tenantID, flow: flow.id) }
            broken[2].flowID = "flw_missing"
            await expectStoreError(.notFound) { try await tenant.saveRuns(broken) }
            #expect(try await tenant.run(id: broken[0].id) == nil, "nothing of a failed batch is kept")
            try await tenant.saveRuns([])
        },
        StoreCheck("runs: a run needs a flow of its organization") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let (other, otherOwner) = try await StoreSamples.organization(store, owner: "other")
            let theirFlow = try await other.createFlow(
                name: "orders", source: "v1", appVersions: [:], createdBy: otherOwner.id)
            _ = owner
            await expectStoreError(.notFound) {
                try await tenant.saveRun(StoreSamples.run(tenant.tenantID, flow: theirFlow.id))
            }
            await expectStoreError(.notFound) {
                try await tenant.saveRun(StoreSamples.run(tenant.tenantID, flow: "flw_missing"))
            }
            await expectStoreError(.invalid) {
                try await tenant.saveRun(StoreSamples.run(other.tenantID, flow: theirFlow.id))
            }
            #expect(try await tenant.runs(RunQuery()).runs.isEmpty)
            #expect(try await other.runs(RunQuery()).runs.isEmpty)
        },
        StoreCheck("runs: filtered by flow, version, state, since and until; newest first; limited") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let orders = try await tenant.createFlow(
                name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.addFlowVersion(flowID: orders.id, source: "v2", appVersions: [:], createdBy: owner.id)
            let invoices = try await tenant.createFlow(
                name: "invoices", source: "v1", appVersions: [:], createdBy: owner.id)
            let runs = [
                StoreSamples.run(tenant.tenantID, flow: orders.id, version: 1, state: "succeeded", offset: 0),
                StoreSamples.run(tenant.tenantID, flow: orders.id, version: 1, state: "failed", offset: 10),
                StoreSamples.run(tenant.tenantID, flow: orders.id, version: 2, state: "succeeded", offset: 20),
                StoreSamples.run(tenant.tenantID, flow: invoices.id, version: 1, state: "queued", offset: 30),
                StoreSamples.run(tenant.tenantID, flow: orders.id, version: 2, state: "dead_letter", offset: 40),
                StoreSamples.run(tenant.tenantID, flow: invoices.id, version: 1, state: "succeeded", offset: 50),
            ]
            for run in runs.shuffled() { try await tenant.saveRun(run) }
            func ids(_ query: RunQuery) async throws -> [StoreID] { try await tenant.runs(query).runs.map(\.id) }
            func expected(_ indices: [Int]) -> [StoreID] { indices.map { runs[$0].id } }
            #expect(try await ids(RunQuery()) == expected([5, 4, 3, 2, 1, 0]))
            #expect(try await tenant.runs(RunQuery()).runs == runs.reversed())
            #expect(try await ids(RunQuery(flowID: orders.id)) == expected([4, 2, 1, 0]))
            #expect(try await ids(RunQuery(flowID: orders.id, flowVersion: 2)) == expected([4, 2]))
            #expect(try await ids(RunQuery(flowVersion: 1)) == expected([5, 3, 1, 0]))
            #expect(try await ids(RunQuery(state: "succeeded")) == expected([5, 2, 0]))
            #expect(try await ids(RunQuery(flowID: invoices.id, state: "succeeded")) == expected([5]))
            #expect(try await ids(RunQuery(state: "cancelled")).isEmpty)
            #expect(try await ids(RunQuery(since: StoreSamples.date(20))) == expected([5, 4, 3, 2]))
            #expect(try await ids(RunQuery(until: StoreSamples.date(20))) == expected([1, 0]))
            #expect(
                try await ids(RunQuery(since: StoreSamples.date(10), until: StoreSamples.date(40)))
                    == expected([3, 2, 1])
            )
            #expect(try await ids(RunQuery(since: StoreSamples.date(60))).isEmpty)
            #expect(try await ids(RunQuery(flowID: "flw_missing")).isEmpty)
            let limited = try await tenant.runs(RunQuery(limit: 2))
            #expect(limited.runs.map(\.id) == expected([5, 4]))
            #expect(limited.next != nil)
            let all = try await tenant.runs(RunQuery(limit: 6))
            #expect(all.runs.count == 6)
            #expect(all.next == nil)
            #expect(try await tenant.runs(RunQuery(limit: 1000)).runs.count == 6)
        },
        StoreCheck("runs: pages cover every run exactly once, newest first, ties broken by id") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let other = try await tenant.createFlow(
                name: "invoices", source: "v1", appVersions: [:], createdBy: owner.id)
            var runs: [StoredRun] = []
            for index in 0..<23 {
                // Groups of three share a creation time, so the order within a group is by id.
                let flowID = index % 4 == 0 ? other.id : flow.id
                let run = StoreSamples.run(tenant.tenantID, flow: flowID, offset: Double(index / 3))
                runs.append(run)
                try await tenant.saveRun(run)
            }
            let newestFirst = runs.sorted {
                ($0.createdAt, $0.id.rawValue) > ($1.createdAt, $1.id.rawValue)
            }
            for (query, expected) in [
                (RunQuery(limit: 5), newestFirst),
                (RunQuery(limit: 1), newestFirst),
                (RunQuery(limit: 23), newestFirst),
                (RunQuery(flowID: flow.id, limit: 4), newestFirst.filter { $0.flowID == flow.id }),
                (
                    RunQuery(since: StoreSamples.date(2), limit: 3),
                    newestFirst.filter { $0.createdAt >= StoreSamples.date(2) }
                ),
            ] {
                var pages: [[StoredRun]] = []
                var page = try await tenant.runs(query)
                pages.append(page.runs)
                while let next = page.next {
                    #expect(pages.count <= expected.count)
                    var following = query
                    following.after = next
                    page = try await tenant.runs(following)
                    pages.append(page.runs)
                }
                #expect(pages.joined().map(\.id) == expected.map(\.id))
                #expect(pages.dropLast().allSatisfy { $0.count == query.limit })
                #expect(pages.allSatisfy { !$0.isEmpty })
            }
        },
        StoreCheck("runs: a cursor that the store did not write is invalid") { store in
            let (tenant, _) = try await StoreSamples.organization(store)
            for cursor in ["", "garbage", "!!!", "cnVuXzE"] {
                await expectStoreError(.invalid) { try await tenant.runs(RunQuery(after: cursor)) }
            }
        },
    ]
}
