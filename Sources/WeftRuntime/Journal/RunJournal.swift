import OrderedCollections
import WeftJSON
import WeftModel

/// A log line of a run.
public struct LogEntry: Sendable {
    /// How important the line is.
    public enum Level: String, Sendable, Comparable {
        case debug, info, warning, error

        private var rank: Int {
            switch self {
            case .debug: return 0
            case .info: return 1
            case .warning: return 2
            case .error: return 3
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    public var level: Level
    public var message: String
    public var stepPath: String?
    /// Structured details; never secrets.
    public var fields: JSONObject

    /// Creates an entry.
    public init(_ level: Level, _ message: String, stepPath: String? = nil, fields: JSONObject = [:]) {
        self.level = level
        self.message = message
        self.stepPath = stepPath
        self.fields = fields
    }
}

/// Where a run reports what it does, as it does it: printed by the CLI, stored by the server.
public protocol RunJournal: Sendable {
    func stepStarted(path: String, kind: String, attempt: Int)
    func stepFinished(_ record: StepRecord)
    func log(_ entry: LogEntry)
    /// A dry run's description of a write it did not perform (secrets already masked).
    func wouldSend(stepPath: String, request: HTTPRequest)
    /// The run completed a top-level step and goes on: where to resume it should this attempt stop here. Not
    /// called for nested steps, nor when a step stops the run.
    func checkpoint(_ checkpoint: RunCheckpoint)
}

extension RunJournal {
    /// Ignores the checkpoint: journals that do not resume runs need not store them.
    public func checkpoint(_ checkpoint: RunCheckpoint) {}
}

/// A journal that ignores everything.
public struct SilentJournal: RunJournal {
    /// Creates the journal.
    public init() {}
    public func stepStarted(path: String, kind: String, attempt: Int) {}
    public func stepFinished(_ record: StepRecord) {}
    public func log(_ entry: LogEntry) {}
    public func wouldSend(stepPath: String, request: HTTPRequest) {}
}
