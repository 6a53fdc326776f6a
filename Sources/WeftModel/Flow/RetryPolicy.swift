/// How a failing step (or app request) is tried again.
public struct RetryPolicy: Sendable, Equatable {
    /// How the wait grows between attempts.
    public enum Backoff: String, Sendable, CaseIterable {
        case exponential
        case fixed
        case none
    }

    /// Total attempts, the first included.
    public var attempts = 3
    public var backoff = Backoff.exponential
    /// The wait before the second attempt.
    public var initial: Duration = .seconds(1)
    /// The longest wait.
    public var maximum: Duration = .seconds(60)
    /// Exponential growth factor.
    public var multiplier = 2.0
    /// Spread waits randomly (deterministically, from the run id) between half and the full wait.
    public var jitter = true
    /// For HTTP: the status codes worth retrying. Empty means 408, 425, 429 and 5xx.
    public var statusCodes: [Int] = []
    /// Wait as long as a `Retry-After` header asks (up to `maximum`).
    public var respectRetryAfter = true

    /// The defaults: 3 attempts, exponential backoff from 1 s to 60 s with jitter.
    public init() {}

    static var objectSpec: ObjectSpec<RetryPolicy> {
        ObjectSpec(
            "RetryPolicy", description: "How a failing step or request is tried again.", initial: RetryPolicy.init,
            fields: [
                .field(
                    "attempts", \.attempts, .integer(minimum: 1, maximum: 100), "Total attempts, the first included."),
                .field("backoff", \.backoff, .enumeration(Backoff.self), "How the wait grows between attempts."),
                .field("initial", \.initial, .duration, "The wait before the second attempt, such as `1s`."),
                .field("max", \.maximum, .duration, "The longest wait between attempts."),
                .field("multiplier", \.multiplier, .number, "The growth factor of exponential backoff."),
                .field("jitter", \.jitter, .boolean, "Spread the waits (deterministically per run)."),
                .field(
                    "on", \.statusCodes, .array(of: .integer(minimum: 100, maximum: 599)),
                    "HTTP status codes worth retrying; by default 408, 425, 429 and 5xx."),
                .field(
                    "respect_retry_after", \.respectRetryAfter, .boolean,
                    "Wait as long as a `Retry-After` response header asks."),
            ])
    }

    /// The spec of a `retry:` value.
    public static var spec: Spec<RetryPolicy> { objectSpec.spec }
}
