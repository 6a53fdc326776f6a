import Foundation
import Synchronization
import WeftModel

/// The time source of runs: real time in production, a manual clock in tests (so runs are deterministic).
public protocol WeftClock: Sendable {
    /// The current time.
    func now() -> Date
    /// Waits; a manual clock advances its time instead.
    func sleep(for duration: Duration) async throws
    /// The clock of one of several lines of work that run at once (a `foreach` item, a `parallel` branch). Real
    /// time is shared, so the system clock returns itself; a manual clock returns a child whose time moves only
    /// by its own waits, so what each line sees does not depend on how the lines are scheduled.
    func branch() -> any WeftClock
}

extension WeftClock {
    public func branch() -> any WeftClock { self }
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
///
/// Concurrent lines of work take ``branch()``es: a branch starts at its parent's time and moves by its own waits;
/// each move also brings the parent up to the branch's time (never back), so once the lines are joined the
/// parent stands at the latest of them, whatever order they ran in.
public final class ManualClock: WeftClock, Sendable {
    private let current: Mutex<Date>
    private let parent: ManualClock?

    /// Starts at `start`.
    public init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {  // 2026-01-01T00:00:00Z
        current = Mutex(start)
        parent = nil
    }

    private init(start: Date, parent: ManualClock) {
        current = Mutex(start)
        self.parent = parent
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    public func sleep(for duration: Duration) async throws {
        advance(by: duration)
    }

    /// Moves time forward.
    public func advance(by duration: Duration) {
        let time = current.withLock { time in
            time += DurationText.seconds(duration)
            return time
        }
        parent?.catchUp(to: time)
    }

    /// Moves time forward to `time`, if it is later.
    private func catchUp(to time: Date) {
        let moved = current.withLock { current in
            guard time > current else { return false }
            current = time
            return true
        }
        if moved { parent?.catchUp(to: time) }
    }

    public func branch() -> any WeftClock {
        ManualClock(start: now(), parent: self)
    }
}
