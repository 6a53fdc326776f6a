import Synchronization
import WeftJSON

/// Where a trigger source keeps its place between restarts: a schedule's last fire, a poll's cursor and the
/// keys it has seen, the files it has marked. The state is one JSON value per source, read once at start and
/// written after every accepted delivery.
public protocol TriggerStateStore: Sendable {
    /// The saved state, or `nil` before the first save.
    func load() async throws -> JSON?
    /// Replaces the saved state.
    func save(_ state: JSON) async throws
}

/// State kept in memory only: for tests, and for runs that should start afresh each time.
public final class MemoryTriggerState: TriggerStateStore {
    private let value: Mutex<JSON?>

    /// Creates a store holding `initial`.
    public init(_ initial: JSON? = nil) {
        value = Mutex(initial)
    }

    /// What was saved last.
    public var current: JSON? { value.withLock { $0 } }

    public func load() async throws -> JSON? { current }

    public func save(_ state: JSON) async throws {
        value.withLock { $0 = state }
    }
}
