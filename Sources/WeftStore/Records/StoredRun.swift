import Foundation
import WeftJSON

/// A run as stored: its state and summary, with the run record (steps, size-capped input and output, secrets
/// already redacted) as JSON.
public struct StoredRun: Sendable, Equatable {
    public var id: StoreID
    public var tenantID: StoreID
    public var flowID: StoreID
    public var flowVersion: Int
    /// A `RunState` raw value: `queued`, `running`, `succeeded`, `failed`, `filtered`, `cancelled`, `dead_letter`.
    public var state: String
    public var trigger: String
    public var createdAt: Date
    public var finishedAt: Date?
    /// The run record (`RunRecord.json`), steps included.
    public var record: JSON

    /// Creates a run record.
    public init(
        id: StoreID, tenantID: StoreID, flowID: StoreID, flowVersion: Int, state: String, trigger: String,
        createdAt: Date, finishedAt: Date?, record: JSON
    ) {
        self.id = id
        self.tenantID = tenantID
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.state = state
        self.trigger = trigger
        self.createdAt = createdAt
        self.finishedAt = finishedAt
        self.record = record
    }
}

/// Which runs to list: all filters are optional and combine with AND; newest first.
public struct RunQuery: Sendable, Equatable {
    public var flowID: StoreID?
    public var flowVersion: Int?
    public var state: String?
    /// Runs created at or after.
    public var since: Date?
    /// Runs created before.
    public var until: Date?
    /// At most this many (1...500).
    public var limit: Int
    /// Continue after this cursor (from ``RunPage/next``).
    public var after: String?

    /// Creates a query.
    public init(
        flowID: StoreID? = nil, flowVersion: Int? = nil, state: String? = nil, since: Date? = nil,
        until: Date? = nil, limit: Int = 50, after: String? = nil
    ) {
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.state = state
        self.since = since
        self.until = until
        self.limit = limit
        self.after = after
    }
}

/// One page of runs and the cursor of the next, if any.
public struct RunPage: Sendable, Equatable {
    public var runs: [StoredRun]
    public var next: String?

    /// Creates a page.
    public init(runs: [StoredRun], next: String?) {
        self.runs = runs
        self.next = next
    }
}
