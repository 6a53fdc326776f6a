/// How the mock server waits before answering when latency is injected: a protocol, so tests record the waits
/// instead of sleeping.
public protocol MockSleeper: Sendable {
    /// Waits `duration` (or throws when the task is cancelled).
    func sleep(for duration: Duration) async throws
}

/// Waits on the task's clock.
public struct TaskSleeper: MockSleeper {
    /// A sleeper.
    public init() {}

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
