import Foundation
import Synchronization
import WeftRuntime

/// A manual clock that ends the source sleeping on it: time moves only when slept on, `onSleep` runs after each
/// sleep (with its number, from 1) to change the world between looks, and the sleep numbered `stopAfter` cancels
/// the sleeping task, so a source's watch loop finishes instead of spinning. With `throwsOnStop`, that sleep
/// throws `CancellationError` instead, as the system clock's does when a process stops.
public final class StoppingClock: WeftClock {
    private let clock: ManualClock
    private let sleeps = Mutex<[Duration]>([])
    private let stopAfter: Int
    private let throwsOnStop: Bool
    private let onSleep: @Sendable (Int) -> Void

    /// Starts at `start` (2026-01-01T00:00:00Z by default) and cancels the sleeper at its `stopAfter`-th sleep.
    public init(
        start: Date = Date(timeIntervalSince1970: 1_767_225_600), stopAfter: Int, throwsOnStop: Bool = false,
        onSleep: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        clock = ManualClock(start: start)
        self.stopAfter = stopAfter
        self.throwsOnStop = throwsOnStop
        self.onSleep = onSleep
    }

    /// The waits asked for so far, in order.
    public var waits: [Duration] { sleeps.withLock { $0 } }
    /// How many times the clock was slept on.
    public var sleepCount: Int { waits.count }

    public func now() -> Date { clock.now() }

    public func sleep(for duration: Duration) async throws {
        let count = sleeps.withLock { waits in
            waits.append(duration)
            return waits.count
        }
        if count >= stopAfter {
            withUnsafeCurrentTask { $0?.cancel() }
            if throwsOnStop { throw CancellationError() }
        }
        clock.advance(by: duration)
        onSleep(count)
    }
}
