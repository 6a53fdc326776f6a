import Foundation

/// The time source of runs: real time in production, a manual clock in tests (so runs are deterministic).
public protocol WeftClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Waits; a manual clock advances its time instead.
    func sleep(for duration: Duration) async throws
}

/// Wall-clock time.
public struct SystemWallClock: WeftClock {
    /// Creates the system clock.
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}

/// A clock that only moves when slept on or advanced: runs under it are instant and reproducible.
public final class ManualClock: WeftClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// Starts at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {  // 2026-01-01T00:00:00Z
        current = start
    }

    public func now() -> Date {
        lock.withLock { current }
    }

    public func sleep(for duration: Duration) async throws {
        advance(by: duration)
    }

    /// Moves time forward.
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        lock.withLock { current += Double(seconds) + Double(attoseconds) / 1e18 }
    }
}
