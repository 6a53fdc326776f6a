import Foundation
import Testing
import WeftJSON
import WeftStore

/// What organizations do with queued and finished runs: cancel, replay, discard; retention; webhook address
/// tokens and trigger state; and none of it across organizations.
extension StoreConformance {
    static let durableRuns: [StoreCheck] = [
        StoreCheck("durable runs: a queued run is cancelled at once, a running one is asked to stop") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let queued = try await tenant.enqueueRun(QueueSamples.submission(flow.id, offset: 0)).run
            let cancelled = try await tenant.cancelRun(id: queued.id, at: StoreSamples.date(1))
            #expect(cancelled.state == "cancelled" && cancelled.finishedAt == StoreSamples.date(1))
            await expectStoreError(.invalid) { try await tenant.cancelRun(id: queued.id, at: StoreSamples.date(2)) }

            _ = try await tenant.enqueueRun(QueueSamples.submission(flow.id, offset: 1))
            let held = try #require(
                try await store.claimRuns(
                    owner: "w1", limit: 1, leaseDuration: 30, now: StoreSamples.date(2), excludingTenants: []
                ).first)
            #expect(try await tenant.cancelRun(id: held.run.id, at: StoreSamples.date(3)).state == "running")
            #expect(
                try await store.heartbeat([held.claim], leaseDuration: 30, now: StoreSamples.date(4)) == [
                    held.run.id: .cancelRequested
                ])
            // Its worker dies: the run is not taken up again, it is over.
            #expect(
                try await store.claimRuns(
                    owner: "w2", limit: 5, leaseDuration: 30, now: StoreSamples.date(60), excludingTenants: []
                ).isEmpty)
            #expect(try await tenant.run(id: held.run.id)?.state == "cancelled")
            await expectStoreError(.notFound) { try await tenant.cancelRun(id: "run_missing", at: Date()) }
        },
        StoreCheck("durable runs: replays from the failed step or the start, on another version, with a new message") {
            store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.addFlowVersion(flowID: flow.id, source: "v2", appVersions: [:], createdBy: owner.id)
            let run = try await tenant.enqueueRun(QueueSamples.submission(flow.id)).run
            await expectStoreError(.invalid) { try await tenant.discardRun(id: run.id, by: owner.id, at: Date()) }
            func failOnce(_ claimedAt: Double) async throws -> ClaimedRun {
                let claimed = try await store.claimRuns(
                    owner: "w", limit: 1, leaseDuration: 30, now: StoreSamples.date(claimedAt), excludingTenants: [])
                guard let held = claimed.first else { throw StoreError(.notFound, "nothing was claimed") }
                try await store.checkpointRun(
                    held.claim, checkpoint: ["done": ["a"]], now: StoreSamples.date(claimedAt))
                try await store.completeRun(
                    held.claim, state: "dead_letter", finishedAt: StoreSamples.date(claimedAt),
                    record: ["failed_step": "b"], now: StoreSamples.date(claimedAt))
                return held
            }
            _ = try await failOnce(1)
            let fromStep = try await tenant.replayRun(id: run.id, RunReplay(fromStart: false), at: StoreSamples.date(2))
            #expect(fromStep.state == "queued" && fromStep.finishedAt == nil && fromStep.flowVersion == 1)
            let second = try await failOnce(3)
            #expect(second.checkpoint == ["done": ["a"]], "from the failed step: the checkpoint is kept")
            #expect(second.claims == 2)

            let edited: JSON = ["order": 99]
            _ = try await tenant.replayRun(
                id: run.id, RunReplay(fromStart: true, flowVersion: 2, message: edited), at: StoreSamples.date(4))
            let third = try #require(
                try await store.claimRuns(
                    owner: "w", limit: 1, leaseDuration: 30, now: StoreSamples.date(5), excludingTenants: []
                ).first)
            #expect(third.checkpoint == nil, "from the start: no checkpoint")
            #expect(third.run.flowVersion == 2)
            #expect(third.input["message"] == edited && third.input["event"] == ["type": "manual"])
            await expectStoreError(.invalid) {
                try await tenant.replayRun(id: run.id, RunReplay(fromStart: true), at: StoreSamples.date(6))
            }
            try await store.completeRun(
                third.claim, state: "failed", finishedAt: StoreSamples.date(6), record: ["failed_step": "b"],
                now: StoreSamples.date(6))
            await expectStoreError(.notFound) {
                try await tenant.replayRun(id: run.id, RunReplay(fromStart: true, flowVersion: 7), at: Date())
            }
            let discarded = try await tenant.discardRun(id: run.id, by: owner.id, at: StoreSamples.date(7))
            #expect(
                discarded.state == "cancelled" && discarded.record["discarded"]?["by"] == .string(owner.id.rawValue))
        },
        StoreCheck("durable runs: the purge deletes runs finished before the cutoff and expired payloads only") {
            store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let old = StoreSamples.run(tenant.tenantID, flow: flow.id, offset: 0)
            let recent = StoreSamples.run(tenant.tenantID, flow: flow.id, offset: 100)
            try await tenant.saveRuns([old, recent])
            let waiting = try await tenant.enqueueRun(QueueSamples.submission(flow.id, offset: -500)).run
            let result = try await store.purge(finishedBefore: StoreSamples.date(50), now: StoreSamples.date(50))
            #expect(result.runs == 1)
            #expect(try await tenant.run(id: old.id) == nil)
            #expect(try await tenant.run(id: recent.id) != nil)
            #expect(try await tenant.run(id: waiting.id) != nil, "unfinished runs are kept")
        },
        StoreCheck("durable runs: a flow's webhook token is created once, found, replaced; trigger state is kept") {
            store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            #expect(try await tenant.webhookToken(flowID: flow.id, creating: "tok-1") == "tok-1")
            #expect(try await tenant.webhookToken(flowID: flow.id, creating: "tok-2") == "tok-1")
            let found = try await store.webhookFlow(token: "tok-1")
            #expect(found?.tenantID == tenant.tenantID && found?.flowID == flow.id)
            try await tenant.setWebhookToken(flowID: flow.id, token: "tok-3")
            #expect(try await store.webhookFlow(token: "tok-1") == nil)
            #expect(try await store.webhookFlow(token: "tok-3")?.flowID == flow.id)
            await expectStoreError(.notFound) { try await tenant.webhookToken(flowID: "flw_missing", creating: "x") }

            let disabled = try await tenant.createFlow(
                name: "paused", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.setFlowEnabled(flowID: disabled.id, enabled: false)
            let (other, otherOwner) = try await StoreSamples.organization(store, owner: "other")
            let theirs = try await other.createFlow(
                name: "orders", source: "v1", appVersions: [:], createdBy: otherOwner.id)
            let enabled = try await store.enabledFlows(after: nil, limit: 10)
            #expect(Set(enabled.map(\.id)) == [flow.id, theirs.id], "enabled flows of every organization")
            let firstPage = try await store.enabledFlows(after: nil, limit: 1)
            let secondPage = try await store.enabledFlows(after: firstPage.last?.id, limit: 1)
            #expect(firstPage.count == 1 && secondPage.count == 1 && firstPage[0].id < secondPage[0].id)

            #expect(try await tenant.triggerState(flowID: flow.id) == nil)
            try await tenant.saveTriggerState(flowID: flow.id, state: ["cursor": "c1", "seen": ["a", "b"]])
            try await tenant.saveTriggerState(flowID: flow.id, state: ["cursor": "c2"])
            #expect(try await tenant.triggerState(flowID: flow.id) == ["cursor": "c2"])
            await expectStoreError(.notFound) {
                try await tenant.saveTriggerState(flowID: "flw_missing", state: [:])
            }
        },
        StoreCheck("durable runs: another organization cannot see, cancel, replay or discard a run") { store in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let (other, otherOwner) = try await StoreSamples.organization(store, owner: "other")
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let run = try await tenant.enqueueRun(QueueSamples.submission(flow.id)).run
            #expect(try await other.runInput(id: run.id) == nil)
            await expectStoreError(.notFound) { try await other.cancelRun(id: run.id, at: Date()) }
            await expectStoreError(.notFound) {
                try await other.replayRun(id: run.id, RunReplay(fromStart: true), at: Date())
            }
            await expectStoreError(.notFound) { try await other.discardRun(id: run.id, by: otherOwner.id, at: Date()) }
            await expectStoreError(.notFound) { try await other.webhookToken(flowID: flow.id, creating: "t") }
            await expectStoreError(.notFound) { try await other.enqueueRun(QueueSamples.submission(flow.id)) }
            #expect(try await tenant.run(id: run.id)?.state == "queued")
        },
    ]
}
