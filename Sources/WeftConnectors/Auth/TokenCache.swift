/// When to use a cached OAuth 2.0 access token and when to fetch a new one: a plain value state machine.
///
/// The cache holds no clock and does no I/O. Each caller about to send a request asks ``decide(now:)``:
///
/// - ``Decision/useCached(_:)``: send the request with this token;
/// - ``Decision/fetch``: this caller must fetch a token now, then report ``refreshSucceeded(with:)`` or
///   ``refreshFailed()``; the cache records that a refresh is in flight;
/// - ``Decision/waitForRefresh``: another caller's refresh is in flight and there is no token that still works;
///   wait for it to finish (how is the caller's concern) and ask again.
///
/// A token is refreshed ``refreshSkew`` seconds before it expires, so a request does not leave with a token that
/// runs out on the way (for a token that lives less than twice the skew, halfway through its life instead, so a
/// short-lived token is not fetched again at once); while that early refresh is in flight, other callers keep
/// using the old token, which is still valid. When the target API answers 401, ``invalidate(rejected:)`` drops the token so that the next
/// decision is ``Decision/fetch``. A refresh that has not finished ``refreshTimeout`` seconds after it started
/// is taken as abandoned, and the next caller fetches instead of waiting for ever.
public struct TokenCache: Sendable, Equatable {
    /// What a caller should do before sending a request.
    public enum Decision: Sendable, Equatable {
        /// Use this token.
        case useCached(OAuth2Token)
        /// Fetch a new token, then report the outcome to the cache.
        case fetch
        /// Another caller is fetching a token; wait for it and decide again.
        case waitForRefresh
    }

    /// How many seconds before its expiry a token is refreshed.
    public var refreshSkew: Int64
    /// How many seconds a refresh may take before the next caller starts another.
    public var refreshTimeout: Int64
    /// The last token fetched, kept after it expires or is invalidated because its refresh token may still be
    /// needed.
    public private(set) var token: OAuth2Token?
    /// Whether the target API refused ``token`` (a 401), so that it must not be used again.
    public private(set) var isInvalidated: Bool
    /// When the refresh in flight started, or `nil` when none is.
    public private(set) var refreshStartedAt: Int64?
    /// When ``token`` was fetched, when known.
    public private(set) var tokenObtainedAt: Int64?

    /// Creates a cache, empty or holding a token (one kept from an earlier run, say).
    public init(token: OAuth2Token? = nil, refreshSkew: Int64 = 60, refreshTimeout: Int64 = 120) {
        self.token = token
        self.refreshSkew = refreshSkew
        self.refreshTimeout = refreshTimeout
        self.isInvalidated = false
        self.refreshStartedAt = nil
        self.tokenObtainedAt = nil
    }

    /// Whether a refresh is in flight.
    public var isRefreshing: Bool { refreshStartedAt != nil }

    /// The refresh token of the last token fetched, for the refresh token grant.
    public var refreshToken: SecretString? { token?.refreshToken }

    /// Decides what a caller does at `now` (seconds since the Unix epoch). When the answer is
    /// ``Decision/fetch``, the cache now records a refresh in flight, started at `now`.
    public mutating func decide(now: Int64) -> Decision {
        if let token, !isInvalidated, !token.isExpired(at: now, skew: effectiveSkew) {
            return .useCached(token)
        }
        if let started = refreshStartedAt, now.subtractingReportingOverflow(started).partialValue < refreshTimeout {
            if let token, !isInvalidated, !token.isExpired(at: now) {
                return .useCached(token)
            }
            return .waitForRefresh
        }
        refreshStartedAt = now
        return .fetch
    }

    /// Records the token a refresh fetched at `now`; decisions use it from now on.
    public mutating func refreshSucceeded(with token: OAuth2Token, at now: Int64) {
        self.token = token
        tokenObtainedAt = now
        isInvalidated = false
        refreshStartedAt = nil
    }

    /// Records that a refresh failed; the next decision without a usable token is ``Decision/fetch`` again.
    public mutating func refreshFailed() {
        refreshStartedAt = nil
    }

    /// Drops the current token after the target API refused it (401), so the next decision is
    /// ``Decision/fetch``.
    public mutating func invalidate() {
        if token != nil { isInvalidated = true }
    }

    /// Drops `rejected` after the target API refused it (401), unless the cache already holds a newer token (a
    /// request that left before a refresh may come back with 401 after it).
    public mutating func invalidate(rejected: OAuth2Token) {
        if token == rejected { isInvalidated = true }
    }

    /// ``refreshSkew``, or half the token's lifetime when that is shorter.
    private var effectiveSkew: Int64 {
        guard let obtained = tokenObtainedAt, let expiresAt = token?.expiresAt else { return refreshSkew }
        let lifetime = expiresAt.subtractingReportingOverflow(obtained).partialValue
        return max(0, min(refreshSkew, lifetime / 2))
    }
}
