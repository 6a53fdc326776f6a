import WeftModel

/// Decides whether and when a failed attempt is tried again: a pure function of the policy, the attempt
/// number, the failure and a seed, so that a replay of a run waits exactly as the original did.
public struct RetrySchedule: Sendable {
    public var policy: RetryPolicy
    /// Identifies the run and step for the deterministic jitter.
    public var seed: String

    /// Creates a schedule.
    public init(policy: RetryPolicy, seed: String) {
        self.policy = policy
        self.seed = seed
    }

    /// The wait before attempt `attempt + 1` after `failure`, or nil to give up.
    public func delay(after attempt: Int, failure: StepFailure) -> Duration? {
        guard attempt < policy.attempts, isRetryable(failure) else { return nil }
        if policy.respectRetryAfter, let requested = failure.retryAfter {
            return min(requested, policy.maximum)
        }
        var seconds = DurationText.seconds(policy.initial)
        switch policy.backoff {
        case .none: return .zero
        case .fixed: break
        case .exponential:
            seconds *= pow(policy.multiplier, Double(attempt - 1))
        }
        seconds = min(seconds, DurationText.seconds(policy.maximum))
        if policy.jitter {
            // Between half and the full wait, from a hash of the seed and the attempt.
            seconds *= 0.5 + 0.5 * Self.unitInterval(seed: seed, attempt: attempt)
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// Whether the failure is worth another attempt under the policy.
    public func isRetryable(_ failure: StepFailure) -> Bool {
        guard failure.retryable else { return false }
        guard failure.kind == .httpStatus, let status = failure.status else { return true }
        if policy.statusCodes.isEmpty {
            return status == 408 || status == 425 || status == 429 || (500...599).contains(status)
        }
        return policy.statusCodes.contains(status)
    }

    /// A number in [0, 1) from FNV-1a over the seed and attempt.
    static func unitInterval(seed: String, attempt: Int) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(seed)#\(attempt)".utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    while remaining > 0 {
        result *= base
        remaining -= 1
    }
    return result
}
