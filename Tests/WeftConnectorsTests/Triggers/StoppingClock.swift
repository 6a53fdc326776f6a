import Foundation
import Synchronization
import WeftRuntime

/// A manual clock that ends the source sleeping on it: time moves only when slept on, `onSleep` runs after each
/// sleep (with its number, from 1) to change the world between looks, and the sleep numbered `stopAfter` cancels
/// the sleeping task, so a source's watch loop finishes instead of spinning.
final class StoppingClock: WeftClock {
    private let clock: ManualClock
    private let sleeps = Mutex(0)
    private let stopAfter: Int
    private let onSleep: @Sendable (Int) -> Void

    /// Starts at `start` and cancels the sleeper at its `stopAfter`-th sleep.
    init(start: Date, stopAfter: Int, onSleep: @escaping @Sendable (Int) -> Void = { _ in }) {
        clock = ManualClock(start: start)
        self.stopAfter = stopAfter
        self.onSleep = onSleep
    }

    /// How many times the clock was slept on.
    var sleepCount: Int { sleeps.withLock { $0 } }

    func now() -> Date { clock.now() }

    func sleep(for duration: Duration) async throws {
        clock.advance(by: duration)
        let count = sleeps.withLock { count in
            count += 1
            return count
        }
        onSleep(count)
        if count >= stopAfter { withUnsafeCurrentTask { $0?.cancel() } }
    }
}
