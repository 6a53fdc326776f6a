import Foundation
import WeftModel

/// How long the mock waits before it answers: a fixed time (`50ms`) or a range (`20ms-200ms`) from which each
/// answer's wait is drawn, deterministically from the seed and the request.
public struct MockLatency: Sendable, Hashable, CustomStringConvertible {
    /// The shortest wait.
    public let minimum: Duration
    /// The longest wait.
    public let maximum: Duration

    /// A latency between `minimum` and `maximum` (the same for a fixed one).
    public init(minimum: Duration, maximum: Duration) {
        self.minimum = min(minimum, maximum)
        self.maximum = max(minimum, maximum)
    }

    /// Reads `50ms`, `1.5s` or a range `20ms-200ms` (durations as flows write them); `nil` when the text is
    /// none of these.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), let low = DurationText.parse(parts[0]),
            let high = parts.count == 2 ? DurationText.parse(parts[1]) : low
        else { return nil }
        self.init(minimum: low, maximum: high)
    }

    /// `50ms`, or `20ms-200ms`.
    public var description: String {
        minimum == maximum
            ? DurationText.format(minimum) : "\(DurationText.format(minimum))-\(DurationText.format(maximum))"
    }

    /// The wait for a draw `unit` in `0 ..< 1`, rounded to the millisecond.
    func duration(at unit: Double) -> Duration {
        let low = Self.milliseconds(minimum)
        let high = Self.milliseconds(maximum)
        return .milliseconds(Int64((low + unit * (high - low)).rounded()))
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}
