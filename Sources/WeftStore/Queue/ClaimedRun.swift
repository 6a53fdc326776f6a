import Foundation
import WeftJSON

/// A worker's hold on one run: what it presents with every heartbeat, checkpoint and completion.
public struct RunClaim: Sendable, Hashable {
    public var runID: StoreID
    public var tenantID: StoreID
    public var owner: String
    /// The lease's fencing token at the claim; a write under an older token is refused.
    public var token: Int64

    /// Creates a claim.
    public init(runID: StoreID, tenantID: StoreID, owner: String, token: Int64) {
        self.runID = runID
        self.tenantID = tenantID
        self.owner = owner
        self.token = token
    }
}

/// A run a worker claimed, with everything needed to run it.
public struct ClaimedRun: Sendable, Equatable {
    public var run: StoredRun
    /// The submission's input (resolved when it was stored by reference).
    public var input: JSON
    /// Where an earlier attempt stopped (the engine's checkpoint as JSON), if it got anywhere.
    public var checkpoint: JSON?
    public var lease: RunLease
    /// How many times the run was claimed, this claim included: above one, an earlier worker died or gave it
    /// back, or the run was replayed.
    public var claims: Int

    /// Creates a claimed run.
    public init(run: StoredRun, input: JSON, checkpoint: JSON?, lease: RunLease, claims: Int) {
        self.run = run
        self.input = input
        self.checkpoint = checkpoint
        self.lease = lease
        self.claims = claims
    }

    /// The claim to present with every later write.
    public var claim: RunClaim {
        RunClaim(runID: run.id, tenantID: run.tenantID, owner: lease.owner, token: lease.fencingToken)
    }
}

/// What a heartbeat learned about one held run.
public enum HeartbeatAnswer: Sendable, Equatable {
    /// Still held; the lease is extended.
    case held
    /// Still held, and someone asked to cancel it: stop at the next step.
    case cancelRequested
    /// The lease was lost (expired and reclaimed, or the run is gone): stop without writing.
    case lost
}

/// The queue's state, for backpressure, metrics and `/readyz`.
public struct QueueStatus: Sendable, Equatable {
    /// Runs waiting to be claimed (delayed ones included).
    public var queued: Int
    /// Runs held by a worker.
    public var running: Int
    /// When the oldest run waiting to be claimed became available.
    public var oldestAvailableAt: Date?

    /// Creates a status.
    public init(queued: Int, running: Int, oldestAvailableAt: Date?) {
        self.queued = queued
        self.running = running
        self.oldestAvailableAt = oldestAvailableAt
    }
}

/// How a failed, dead-lettered or cancelled run is run again.
public struct RunReplay: Sendable, Equatable {
    /// Whether to start again at the first step (dropping the checkpoint) or at the step that failed.
    public var fromStart: Bool
    /// The flow version to run: the pinned one (nil) or another, such as the latest.
    public var flowVersion: Int?
    /// A corrected input message, if any (the trigger event is kept).
    public var message: JSON?

    /// Creates a replay.
    public init(fromStart: Bool, flowVersion: Int? = nil, message: JSON? = nil) {
        self.fromStart = fromStart
        self.flowVersion = flowVersion
        self.message = message
    }
}

/// What a purge removed.
public struct PurgeResult: Sendable, Equatable {
    public var runs: Int
    public var payloads: Int

    /// Creates a result.
    public init(runs: Int, payloads: Int) {
        self.runs = runs
        self.payloads = payloads
    }
}
