import Foundation
import Synchronization
import WeftRuntime

/// A manual clock that ends the source sleeping on it: time moves only when slept on, and the sleep numbered
/// `stopAfter` cancels the sleeping task, so a source's watch loop finishes instead of spinning. With
/// `throwsOnStop`, that sleep throws `CancellationError` instead, as the system clock's does when a process stops.
final class StoppingClock: WeftClock {
    private let clock: ManualClock
    private let sleeps = Mutex<[Duration]>([])
    private let stopAfter: Int
    private let throwsOnStop: Bool

    /// Starts at `start` (2026-01-01T00:00:00Z by default) and cancels the sleeper at its `stopAfter`-th sleep.
    init(start: Date = Date(timeIntervalSince1970: 1_767_225_600), stopAfter: Int, throwsOnStop: Bool = false) {
        clock = ManualClock(start: start)
        self.stopAfter = stopAfter
        self.throwsOnStop = throwsOnStop
    }

    /// The waits asked for so far, in order.
    var waits: [Duration] { sleeps.withLock { $0 } }

    func now() -> Date { clock.now() }

    func sleep(for duration: Duration) async throws {
        let count = sleeps.withLock { waits in
            waits.append(duration)
            return waits.count
        }
        if count >= stopAfter {
            withUnsafeCurrentTask { $0?.cancel() }
            if throwsOnStop { throw CancellationError() }
        }
        clock.advance(by: duration)
    }
}
