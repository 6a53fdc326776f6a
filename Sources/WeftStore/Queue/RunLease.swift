import Foundation

/// A queued run's claim by a worker, as a plain value: who holds it, until when, and the fencing token that
/// every write of the holder carries. The store applies these transitions atomically; the rules live here, so
/// they are tested with a hand-set clock and shared by every store.
///
/// - A run is claimed when it is free: never claimed, or its lease expired (its worker died or stalled, even
///   before its first heartbeat). Each claim raises the fencing token.
/// - A heartbeat extends the lease, only for the holder, with the current token, before expiry.
/// - A completion is accepted only from the holder with the current token before expiry: a worker that lost its
///   lease (and was replaced) cannot overwrite the new holder's work.
public struct RunLease: Sendable, Equatable {
    /// The claiming worker.
    public var owner: String
    /// When the lease ends unless a heartbeat extends it.
    public var expiresAt: Date
    /// Raised by every claim; a write under an older token is refused.
    public var fencingToken: Int64

    /// Creates a lease.
    public init(owner: String, expiresAt: Date, fencingToken: Int64) {
        self.owner = owner
        self.expiresAt = expiresAt
        self.fencingToken = fencingToken
    }

    /// Why a transition is refused.
    public enum Refusal: Error, Sendable, Equatable {
        /// Another worker holds an unexpired lease.
        case held(by: String, until: Date)
        /// The caller's lease expired (and may have been reclaimed).
        case expired
        /// The caller's token is not the current one: the run was claimed again since.
        case fenced(current: Int64)
        /// The caller never held this run.
        case notHolder
    }

    /// Claims a run whose current lease is `current` (nil if it was never claimed) for `owner`, for `duration`.
    public static func claim(
        _ current: RunLease?, by owner: String, at now: Date, for duration: TimeInterval
    ) -> Result<RunLease, Refusal> {
        if let current, current.expiresAt > now {
            return .failure(.held(by: current.owner, until: current.expiresAt))
        }
        return .success(
            RunLease(
                owner: owner, expiresAt: now.addingTimeInterval(duration),
                fencingToken: (current?.fencingToken ?? 0) + 1))
    }

    /// Whether the holder presenting `token` may still write at `now`; nil when it may.
    public func refusal(owner: String, token: Int64, at now: Date) -> Refusal? {
        if token != fencingToken { return .fenced(current: fencingToken) }
        if owner != self.owner { return .notHolder }
        if expiresAt <= now { return .expired }
        return nil
    }

    /// The lease extended to `now + duration` by a heartbeat of its holder.
    public func heartbeat(owner: String, token: Int64, at now: Date, for duration: TimeInterval) -> Result<
        RunLease, Refusal
    > {
        if let refusal = refusal(owner: owner, token: token, at: now) { return .failure(refusal) }
        var extended = self
        extended.expiresAt = max(expiresAt, now.addingTimeInterval(duration))
        return .success(extended)
    }
}
