import Foundation
import Testing
import WeftJSON
import WeftStore

/// The run queue: enqueueing with idempotency keys, claims under leases with fencing, heartbeats, checkpoints,
/// completion under a lost lease, and the group commit under concurrent writers. Times are set by hand.
extension StoreConformance {
    static let queue: [StoreCheck] = [
        StoreCheck("queue: enqueueing creates a queued run; the same idempotency key answers the first run") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let other = try await tenant.createFlow(
                name: "refunds", source: "v1", appVersions: [:], createdBy: owner.id)
            let first = try await tenant.enqueueRun(QueueSamples.submission(flow.id, key: "delivery-1"))
            #expect(first.created && first.run.state == "queued" && first.run.finishedAt == nil)
            let again = try await tenant.enqueueRun(QueueSamples.submission(flow.id, key: "delivery-1"))
            #expect(!again.created && again.run.id == first.run.id)
            let elsewhere = try await tenant.enqueueRun(QueueSamples.submission(other.id, key: "delivery-1"))
            #expect(elsewhere.created, "keys are per flow")
            let unkeyed = try await tenant.enqueueRun(QueueSamples.submission(flow.id))
            #expect(unkeyed.created && unkeyed.run.id != first.run.id)
            #expect(try await tenant.runInput(id: first.run.id) == QueueSamples.input(0))
            await expectStoreError(.notFound) {
                try await tenant.enqueueRun(QueueSamples.submission("flw_missing"))
            }
            #expect(try await store.queueStatus().queued == 3)
        },
        StoreCheck("queue: claims take available runs oldest first, within the limit, skipping excluded tenants") {
            store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let (busy, busyOwner) = try await StoreSamples.organization(store, owner: "busy")
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let busyFlow = try await busy.createFlow(
                name: "orders", source: "v1", appVersions: [:], createdBy: busyOwner.id)
            var ids: [StoreID] = []
            for offset in 0..<3 {
                let run = try await tenant.enqueueRun(QueueSamples.submission(flow.id, offset: Double(offset)))
                ids.append(run.run.id)
            }
            _ = try await tenant.enqueueRun(QueueSamples.submission(flow.id, offset: 0, availableIn: 60))
            _ = try await busy.enqueueRun(QueueSamples.submission(busyFlow.id, offset: -10))
            let now = StoreSamples.date(10)
            let claimed = try await store.claimRuns(
                owner: "w1", limit: 2, leaseDuration: 30, now: now, excludingTenants: [busy.tenantID])
            #expect(claimed.map(\.run.id) == Array(ids.prefix(2)))
            #expect(claimed.allSatisfy { $0.run.state == "running" && $0.claims == 1 && $0.lease.owner == "w1" })
            #expect(claimed.first?.lease.expiresAt == now.addingTimeInterval(30))
            #expect(claimed.first?.input == QueueSamples.input(0))
            let rest = try await store.claimRuns(
                owner: "w1", limit: 10, leaseDuration: 30, now: now, excludingTenants: [busy.tenantID])
            #expect(rest.map(\.run.id) == [ids[2]], "the delayed run and the excluded tenant's run wait")
            let busyRuns = try await store.claimRuns(
                owner: "w1", limit: 10, leaseDuration: 30, now: now, excludingTenants: [])
            #expect(busyRuns.map(\.run.tenantID) == [busy.tenantID])
            let status = try await store.queueStatus()
            #expect(status.queued == 1 && status.running == 4)
        },
        StoreCheck("queue: an expired lease is reclaimed with a higher token; the old holder's writes are refused") {
            store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let run = try await tenant.enqueueRun(QueueSamples.submission(flow.id)).run
            let start = StoreSamples.date(5)
            let first = try #require(
                try await store.claimRuns(
                    owner: "w1", limit: 1, leaseDuration: 30, now: start, excludingTenants: []
                ).first)
            #expect(
                try await store.claimRuns(
                    owner: "w2", limit: 1, leaseDuration: 30, now: start.addingTimeInterval(29), excludingTenants: []
                ).isEmpty, "held until it expires")
            // w1 died before its first heartbeat: at expiry, w2 takes the run over.
            let second = try #require(
                try await store.claimRuns(
                    owner: "w2", limit: 1, leaseDuration: 30, now: start.addingTimeInterval(30), excludingTenants: []
                ).first)
            #expect(second.run.id == run.id && second.claims == 2)
            #expect(second.lease.fencingToken > first.lease.fencingToken)
            let later = start.addingTimeInterval(31)
            #expect(
                try await store.heartbeat([first.claim], leaseDuration: 30, now: later) == [run.id: .lost])
            await expectStoreError(.conflict) {
                try await store.checkpointRun(first.claim, checkpoint: ["stale": true], now: later)
            }
            await expectStoreError(.conflict) {
                try await store.completeRun(
                    first.claim, state: "succeeded", finishedAt: later, record: ["by": "w1"], now: later)
            }
            try await store.completeRun(
                second.claim, state: "succeeded", finishedAt: later, record: ["by": "w2"], now: later)
            let final = try #require(try await tenant.run(id: run.id))
            #expect(final.state == "succeeded" && final.record == ["by": "w2"] && final.finishedAt == later)
            await expectStoreError(.conflict) {
                try await store.completeRun(
                    second.claim, state: "failed", finishedAt: later, record: [:], now: later)
            }
        },
        StoreCheck("queue: heartbeats extend a lease; a completion after the lease ran out is refused") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.enqueueRun(QueueSamples.submission(flow.id))
            let start = StoreSamples.date(5)
            let held = try #require(
                try await store.claimRuns(
                    owner: "w1", limit: 1, leaseDuration: 30, now: start, excludingTenants: []
                ).first)
            let beat = start.addingTimeInterval(20)
            #expect(try await store.heartbeat([held.claim], leaseDuration: 30, now: beat) == [held.run.id: .held])
            #expect(
                try await store.claimRuns(
                    owner: "w2", limit: 1, leaseDuration: 30, now: start.addingTimeInterval(40), excludingTenants: []
                ).isEmpty, "the heartbeat moved the expiry to 50 s")
            try await store.checkpointRun(held.claim, checkpoint: ["done": ["a"]], now: start.addingTimeInterval(45))
            let late = start.addingTimeInterval(50)
            await expectStoreError(.conflict) {
                try await store.completeRun(held.claim, state: "succeeded", finishedAt: late, record: [:], now: late)
            }
            let again = try #require(
                try await store.claimRuns(
                    owner: "w2", limit: 1, leaseDuration: 30, now: late, excludingTenants: []
                ).first)
            #expect(again.checkpoint == ["done": ["a"]], "the next holder resumes at the checkpoint")
        },
        StoreCheck("queue: a released run is claimed again once available") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.enqueueRun(QueueSamples.submission(flow.id, offset: 0))
            let held = try #require(
                try await store.claimRuns(
                    owner: "w1", limit: 1, leaseDuration: 3600, now: Date(), excludingTenants: []
                ).first)
            try await store.releaseRun(held.claim, availableAt: StoreSamples.date(100))
            #expect(try await tenant.run(id: held.run.id)?.state == "queued")
            #expect(
                try await store.claimRuns(
                    owner: "w2", limit: 1, leaseDuration: 30, now: StoreSamples.date(99), excludingTenants: []
                ).isEmpty)
            let again = try await store.claimRuns(
                owner: "w2", limit: 1, leaseDuration: 30, now: StoreSamples.date(100), excludingTenants: [])
            #expect(again.map(\.run.id) == [held.run.id])
        },
        StoreCheck("queue: an input over 256 KiB is stored by reference and comes back whole") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let big: JSON = ["message": ["blob": .string(String(repeating: "x", count: 300 * 1024))], "event": [:]]
            var submission = QueueSamples.submission(flow.id)
            submission.input = big
            let run = try await tenant.enqueueRun(submission).run
            #expect(try await tenant.runInput(id: run.id) == big)
            let claimed = try await store.claimRuns(
                owner: "w1", limit: 1, leaseDuration: 30, now: StoreSamples.date(5), excludingTenants: [])
            #expect(claimed.first?.input == big)
        },
        StoreCheck("queue: concurrent writers are group-committed; one failing write does not undo the others") {
            store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let target: StoreID = index % 50 == 7 ? "flw_missing" : flow.id
                        return (try? await tenant.enqueueRun(QueueSamples.submission(target, key: "k\(index)"))) != nil
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 196)
            #expect(try await store.queueStatus().queued == 196)
        },
    ]
}

/// Submissions for the queue checks.
enum QueueSamples {
    static func input(_ number: Int) -> JSON {
        ["message": ["order": .number(Double(number))], "event": ["type": "manual"]]
    }

    static func submission(
        _ flow: StoreID, key: String? = nil, offset: Double = 0, availableIn: Double = 0
    ) -> RunSubmission {
        RunSubmission(
            flowID: flow, flowVersion: 1, trigger: "webhook", input: input(0), idempotencyKey: key,
            createdAt: StoreSamples.date(offset), availableAt: StoreSamples.date(offset + availableIn))
    }
}
