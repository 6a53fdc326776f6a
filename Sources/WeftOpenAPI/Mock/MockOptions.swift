/// How a mock behaves beyond what the document says: its seed, its latency and how often it fails on purpose.
public struct MockOptions: Sendable, Hashable {
    /// The seed of every generated value, wait and injected failure: the same seed and the same request give
    /// the same answer.
    public var seed: UInt64
    /// How long to wait before answering; `nil` answers at once.
    public var latency: MockLatency?
    /// The share (`0` to `1`) of valid requests answered with an injected `500` or `503` instead of a documented
    /// response. Which requests fail is drawn from the seed, the request and how many times the same request was
    /// seen before, so a retried request can succeed.
    public var errorRate: Double

    /// Options; the defaults answer at once and never fail on purpose.
    public init(seed: UInt64 = 1, latency: MockLatency? = nil, errorRate: Double = 0) {
        self.seed = seed
        self.latency = latency
        self.errorRate = min(max(errorRate, 0), 1)
    }
}
