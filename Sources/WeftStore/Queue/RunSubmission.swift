import Foundation
import WeftJSON

/// A run to create and enqueue in one transaction: what a trigger, a manual start or a replay hands the store.
public struct RunSubmission: Sendable, Equatable {
    public var id: StoreID
    public var flowID: StoreID
    public var flowVersion: Int
    /// How the run was started: `manual`, `webhook`, `schedule`, `poll`, `file`, `api`.
    public var trigger: String
    /// What the worker needs to run it: `{ "message", "event", "dry_run", "started_by" }`. Stored by reference
    /// when larger than the store's inline limit.
    public var input: JSON
    /// The same key for the same flow answers the run created first instead of a new one (an `Idempotency-Key`
    /// header, a webhook's delivery id, a schedule's tick).
    public var idempotencyKey: String?
    public var createdAt: Date
    /// Not claimed before this time (a delayed start); the creation time by default.
    public var availableAt: Date

    /// Creates a submission.
    public init(
        id: StoreID = .random("run"), flowID: StoreID, flowVersion: Int, trigger: String, input: JSON,
        idempotencyKey: String? = nil, createdAt: Date = Date(), availableAt: Date? = nil
    ) {
        self.id = id
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.trigger = trigger
        self.input = input
        self.idempotencyKey = idempotencyKey
        self.createdAt = createdAt
        self.availableAt = availableAt ?? createdAt
    }
}

/// What enqueueing answered: the run, and whether it is new or was found by its idempotency key.
public struct Enqueued: Sendable, Equatable {
    public var run: StoredRun
    /// False when a run with the same idempotency key already existed (and is returned instead).
    public var created: Bool

    /// Creates an answer.
    public init(run: StoredRun, created: Bool) {
        self.run = run
        self.created = created
    }
}
