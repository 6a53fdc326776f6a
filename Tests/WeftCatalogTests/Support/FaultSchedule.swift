import WeftTestSupport

/// When a simulator misbehaves on purpose, deterministically: the `n`-th data request (counted from 1) is
/// throttled when `n` is a multiple of `throttleEvery`, and fails with a server error when it is a multiple of
/// `failEvery` (throttling wins when both are). Token and CSRF fetches are not counted.
struct FaultSchedule: Sendable {
    var throttleEvery: Int
    var failEvery: Int

    /// No faults.
    static let none = FaultSchedule(throttleEvery: 0, failEvery: 0)

    enum Fault: Sendable, Equatable {
        case throttle
        case serverError
    }

    /// The fault of request number `n`, if any.
    func fault(forRequest n: Int) -> Fault? {
        if throttleEvery > 0, n % throttleEvery == 0 { return .throttle }
        if failEvery > 0, n % failEvery == 0 { return .serverError }
        return nil
    }
}

/// A simulated vendor API: answers requests the way the vendor does.
protocol VendorSimulator: Sendable {
    func handle(_ request: RecordedRequest) -> TestResponse
}
