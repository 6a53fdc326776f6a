import Foundation
import Synchronization
import WeftJSON
import WeftRuntime

/// Plays the flow side of a trigger source: records every delivery offered (with the clock's time) and every
/// notice, refuses the offers whose numbers (from 0) it was told to refuse, and can cancel the source's task once
/// it has accepted enough.
public final class DeliveryRecorder: Sendable {
    /// One offer and what was answered.
    public struct Offer: Sendable {
        public var delivery: TriggerDelivery
        public var time: Date?
        public var outcome: DeliveryOutcome
    }

    private struct Log {
        var offers: [Offer] = []
        var notices: [TriggerNotice] = []
    }

    private let log = Mutex(Log())
    private let clock: (any WeftClock)?
    private let refusing: Set<Int>
    private let stopAfterAccepted: Int?

    /// A recorder refusing the offers numbered in `refusing` and cancelling the delivering task after
    /// `stopAfterAccepted` accepted deliveries.
    public init(clock: (any WeftClock)? = nil, refusing: Set<Int> = [], stopAfterAccepted: Int? = nil) {
        self.clock = clock
        self.refusing = refusing
        self.stopAfterAccepted = stopAfterAccepted
    }

    /// Every offer, in order, refused ones included.
    public var offers: [Offer] { log.withLock { $0.offers } }
    /// The deliveries accepted, in order.
    public var accepted: [TriggerDelivery] { offers.filter { $0.outcome == .accepted }.map(\.delivery) }
    /// The messages accepted, in order.
    public var messages: [JSON] { accepted.map(\.message) }
    /// The notices reported, in order.
    public var notices: [TriggerNotice] { log.withLock { $0.notices } }

    /// The closure a source delivers to.
    public var deliver: @Sendable (TriggerDelivery) async -> DeliveryOutcome {
        { delivery in self.take(delivery) }
    }

    /// The closure a source reports to.
    public var report: @Sendable (TriggerNotice) -> Void {
        { notice in self.log.withLock { $0.notices.append(notice) } }
    }

    /// Runs `source` in a task of its own (so the cancellation that ends it stays there) until it returns.
    public func watch(_ source: some TriggerSource) async throws {
        let deliver = deliver
        let report = report
        try await Task { try await source.run(deliver: deliver, report: report) }.value
    }

    private func take(_ delivery: TriggerDelivery) -> DeliveryOutcome {
        let time = clock?.now()
        let (outcome, acceptedCount) = log.withLock { log in
            let outcome: DeliveryOutcome = refusing.contains(log.offers.count) ? .refused : .accepted
            log.offers.append(Offer(delivery: delivery, time: time, outcome: outcome))
            return (outcome, log.offers.filter { $0.outcome == .accepted }.count)
        }
        if let stopAfterAccepted, outcome == .accepted, acceptedCount >= stopAfterAccepted {
            withUnsafeCurrentTask { $0?.cancel() }
        }
        return outcome
    }
}
