import Foundation
import Testing
import WeftStore

/// The lease rules of the run queue, with a clock set by hand.
@Suite("Run lease")
struct RunLeaseTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    @Test("a free run is claimed with token 1; a held one is refused until its lease expires")
    func claiming() throws {
        let first = try RunLease.claim(nil, by: "a", at: at(0), for: 30).get()
        #expect(first == RunLease(owner: "a", expiresAt: at(30), fencingToken: 1))
        #expect(RunLease.claim(first, by: "b", at: at(29.9), for: 30) == .failure(.held(by: "a", until: at(30))))
        let reclaimed = try RunLease.claim(first, by: "b", at: at(30), for: 30).get()
        #expect(reclaimed == RunLease(owner: "b", expiresAt: at(60), fencingToken: 2))
    }

    @Test("a worker that dies before its first heartbeat loses the run when the lease expires")
    func deathBeforeFirstHeartbeat() throws {
        let lease = try RunLease.claim(nil, by: "a", at: at(0), for: 10).get()
        #expect(lease.heartbeat(owner: "a", token: 1, at: at(10), for: 10) == .failure(.expired))
        #expect(try RunLease.claim(lease, by: "b", at: at(10), for: 10).get().fencingToken == 2)
    }

    @Test("heartbeats extend only the holder's current lease, and never shorten it")
    func heartbeats() throws {
        var lease = try RunLease.claim(nil, by: "a", at: at(0), for: 30).get()
        lease = try lease.heartbeat(owner: "a", token: 1, at: at(20), for: 30).get()
        #expect(lease.expiresAt == at(50))
        lease = try lease.heartbeat(owner: "a", token: 1, at: at(21), for: 5).get()
        #expect(lease.expiresAt == at(50), "a shorter heartbeat does not cut the lease")
        #expect(lease.heartbeat(owner: "b", token: 1, at: at(22), for: 30) == .failure(.notHolder))
        #expect(lease.heartbeat(owner: "a", token: 0, at: at(22), for: 30) == .failure(.fenced(current: 1)))
    }

    @Test("a completion under a lost lease is refused: the new holder's token fences the old worker out")
    func fencing() throws {
        let old = try RunLease.claim(nil, by: "a", at: at(0), for: 10).get()
        // Worker a stalls past its lease; b reclaims the run.
        let new = try RunLease.claim(old, by: "b", at: at(15), for: 10).get()
        #expect(new.refusal(owner: "a", token: old.fencingToken, at: at(16)) == .fenced(current: 2))
        #expect(new.refusal(owner: "b", token: new.fencingToken, at: at(16)) == nil)
        #expect(new.refusal(owner: "b", token: new.fencingToken, at: at(25)) == .expired)
    }
}
