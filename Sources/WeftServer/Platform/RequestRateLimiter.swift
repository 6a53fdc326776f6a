import Foundation
import Synchronization
import WeftModel

/// Token buckets by key (a client address, an API key): each key may make `burst` requests at once and
/// `perMinute` a minute on average. A request over the limit is not admitted and learns when to come back.
public final class RequestRateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    public let burst: Double
    /// Tokens regained per second.
    public let rate: Double
    private let buckets = Mutex<[String: Bucket]>([:])
    /// The most keys remembered; beyond it, full buckets are forgotten (they are the same as a new key's).
    private let capacity: Int

    /// A limiter allowing `perMinute` requests a minute per key, `burst` at once.
    public init(perMinute: Int, burst: Int, capacity: Int = 100_000) {
        self.burst = Double(max(1, burst))
        rate = Double(max(1, perMinute)) / 60
        self.capacity = capacity
    }

    /// Takes one request for `key` at `now`: `nil` when admitted, or how long to wait before the next one is.
    public func admit(_ key: String, now: Date = Date()) -> Duration? {
        buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updatedAt: now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.updatedAt)) * rate)
            bucket.updatedAt = now
            guard bucket.tokens >= 1 else {
                buckets[key] = bucket
                return DurationText.duration(seconds: (1 - bucket.tokens) / rate)
            }
            bucket.tokens -= 1
            buckets[key] = bucket
            if buckets.count > capacity {
                buckets = buckets.filter { $0.value.tokens + now.timeIntervalSince($0.value.updatedAt) * rate < burst }
            }
            return nil
        }
    }
}
