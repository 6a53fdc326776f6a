import Foundation
import Synchronization
import WeftRuntime
import WeftStore

/// Callers waiting for runs of this process to finish: a synchronous webhook's response, a manual run's answer.
/// The worker reports every run it completes, and the store is looked at regularly for runs other processes
/// execute; a waiter that times out gets nil and answers with the queued run.
final class RunWaiters: Sendable {
    private typealias Waiter = (id: UInt64, continuation: CheckedContinuation<StoredRun?, Never>)
    private let waiting = Mutex<(next: UInt64, byRun: [StoreID: [Waiter]])>((0, [:]))

    /// The run once finished, or nil after `timeout`. `current` reads the run from the store after registering,
    /// so a run that finished just before the wait began is not missed.
    func wait(
        for runID: StoreID, timeout: Duration, current: @escaping @Sendable () async -> StoredRun?
    ) async -> StoredRun? {
        await withCheckedContinuation { continuation in
            let id = waiting.withLock { state in
                state.next += 1
                state.byRun[runID, default: []].append((state.next, continuation))
                return state.next
            }
            Task {
                // The store is read now (the run may have finished already) and then every quarter second (a
                // `weft worker` process, which cannot tell this one, may be running it).
                let deadline = ContinuousClock.now + timeout
                while ContinuousClock.now < deadline {
                    if let run = await current(), RunState(rawValue: run.state)?.isFinal ?? true {
                        self.finish(runID, with: run)
                        return
                    }
                    guard self.isWaiting(runID, waiter: id) else { return }
                    try? await Task.sleep(for: min(.milliseconds(250), deadline - ContinuousClock.now))
                }
                self.giveUp(runID, waiter: id)
            }
        }
    }

    /// Resumes everyone waiting for `runID`.
    func finish(_ runID: StoreID, with run: StoredRun) {
        let waiters = waiting.withLock { $0.byRun.removeValue(forKey: runID) ?? [] }
        for waiter in waiters { waiter.continuation.resume(returning: run) }
    }

    private func isWaiting(_ runID: StoreID, waiter id: UInt64) -> Bool {
        waiting.withLock { $0.byRun[runID]?.contains { $0.id == id } ?? false }
    }

    private func giveUp(_ runID: StoreID, waiter id: UInt64) {
        let waiter = waiting.withLock { state -> Waiter? in
            guard let index = state.byRun[runID]?.firstIndex(where: { $0.id == id }) else { return nil }
            let waiter = state.byRun[runID]!.remove(at: index)
            if state.byRun[runID]!.isEmpty { state.byRun[runID] = nil }
            return waiter
        }
        waiter?.continuation.resume(returning: nil)
    }
}
