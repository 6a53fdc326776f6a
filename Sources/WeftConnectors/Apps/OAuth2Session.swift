import WeftRuntime

/// The OAuth 2.0 access token of one app client: a ``TokenCache`` and the callers waiting for a refresh.
///
/// Only one caller fetches at a time; the others wait for its outcome instead of fetching too.
actor OAuth2Session {
    private var cache = TokenCache()
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// A token that can be used now, fetched with `fetch` (given the refresh token of the last token, if any)
    /// when the cache has none.
    func token(
        now: @Sendable () -> Int64,
        fetch: @Sendable (SecretString?) async throws(StepFailure) -> OAuth2Token
    ) async throws(StepFailure) -> OAuth2Token {
        while true {
            switch cache.decide(now: now()) {
            case .useCached(let token):
                return token
            case .fetch:
                do {
                    let token = try await fetch(cache.refreshToken)
                    cache.refreshSucceeded(with: token, at: now())
                    resumeWaiters()
                    return token
                } catch {
                    cache.refreshFailed()
                    resumeWaiters()
                    throw error
                }
            case .waitForRefresh:
                await withCheckedContinuation { waiters.append($0) }
            }
        }
    }

    /// Drops `token` after the API refused it (401); a newer token is kept.
    func reject(_ token: OAuth2Token) {
        cache.invalidate(rejected: token)
    }

    /// The access and refresh tokens held, to mask them in messages.
    var secrets: [String] {
        [cache.token?.accessToken.reveal(), cache.refreshToken?.reveal()].compactMap { $0 }
    }

    private func resumeWaiters() {
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume() }
    }
}
