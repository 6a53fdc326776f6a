import WeftJSON

/// One message a trigger hands to its flow.
public struct TriggerDelivery: Sendable {
    /// The run's first message.
    public var message: JSON
    /// The trigger event, the run's `$trigger`.
    public var event: JSON
    /// What identifies the message at its source (a file's path, a record's key, a schedule instant, a webhook's
    /// delivery id): runs started from the same key are the same work.
    public var key: String?

    /// Creates a delivery.
    public init(message: JSON, event: JSON, key: String? = nil) {
        self.message = message
        self.event = event
        self.key = key
    }
}

/// What became of a delivery.
public enum DeliveryOutcome: Sendable, Equatable {
    /// The message is in safe hands (its run finished, or is stored to be run): the source moves past it.
    case accepted
    /// The message could not be taken: the source keeps it and offers it again later.
    case refused
}

/// Something outside a flow that starts its runs: a schedule, a poll of an API, a directory, a database's change
/// feed. A source watches until its task is cancelled and hands every new message to `deliver`; it moves past a
/// message (advances a cursor, moves a file) only once `deliver` has accepted it, so a crash in between offers
/// the message again rather than losing it.
///
/// Webhooks are not sources: a request arrives on its own and is delivered by whoever serves HTTP.
public protocol TriggerSource: Sendable {
    /// Watches until cancelled. Throws only when the source cannot work at all (a directory that cannot be
    /// read); passing problems are reported through `report` and retried.
    func run(
        deliver: @escaping @Sendable (TriggerDelivery) async -> DeliveryOutcome,
        report: @escaping @Sendable (TriggerNotice) -> Void
    ) async throws
}

/// Something a trigger source wants its user to know while it runs.
public struct TriggerNotice: Sendable, CustomStringConvertible {
    /// How much it matters.
    public enum Level: String, Sendable {
        case info, warning, error
    }

    public var level: Level
    public var message: String

    /// Creates a notice.
    public init(_ level: Level, _ message: String) {
        self.level = level
        self.message = message
    }

    public var description: String { "\(level.rawValue): \(message)" }
}
