import Foundation
import WeftModel
import WeftRuntime

/// A token bucket shared by every request of one app client: `requests` tokens, refilled evenly over `period`.
///
/// A request takes a token; when none is left it reserves the next one (the balance goes negative, so waiting
/// requests are served in order) and waits on the injected clock until that token has been refilled.
actor RateLimiter {
    private let capacity: Double
    /// Tokens added per second.
    private let rate: Double
    private let clock: any WeftClock
    private var tokens: Double
    private var updatedAt: Date

    init(_ limit: RateLimit, clock: any WeftClock) {
        capacity = Double(max(1, limit.requests))
        let period = DurationText.seconds(limit.period)
        rate = period > 0 ? capacity / period : .infinity
        self.clock = clock
        tokens = capacity
        updatedAt = clock.now()
    }

    /// Takes a token, returning how long the caller must wait before sending (zero when one was available).
    func reserve() -> Duration {
        let now = clock.now()
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        tokens = min(capacity, tokens + elapsed * rate)
        updatedAt = now
        tokens -= 1
        guard tokens < 0, rate.isFinite else { return .zero }
        return DurationText.duration(seconds: -tokens / rate)
    }

    /// Takes a token and waits for it when needed.
    func acquire() async throws(StepFailure) -> Duration {
        let wait = reserve()
        if wait > .zero {
            do {
                try await clock.sleep(for: wait)
            } catch {
                throw StepFailure(.transport, "the request was cancelled while waiting for the rate limit")
            }
        }
        return wait
    }
}
