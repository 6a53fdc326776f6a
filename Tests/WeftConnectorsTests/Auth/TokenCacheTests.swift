import Testing

@testable import WeftConnectors

/// A clock the test moves by hand.
struct MockClock {
    var now: Int64 = 1_700_000_000

    mutating func advance(by seconds: Int64) {
        now += seconds
    }
}

@Suite struct TokenCacheTests {
    func token(_ name: SecretString, expiresAt: Int64?) -> OAuth2Token {
        OAuth2Token(accessToken: name, expiresAt: expiresAt, refreshToken: SecretString("rt-\(name.reveal())"))
    }

    @Test func emptyCacheFetchesOnceAndOthersWait() {
        let clock = MockClock()
        var cache = TokenCache()
        #expect(!cache.isRefreshing)
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.isRefreshing)
        #expect(cache.refreshStartedAt == clock.now)
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
        let fresh = token("A", expiresAt: clock.now + 3_600)
        cache.refreshSucceeded(with: fresh, at: clock.now)
        #expect(!cache.isRefreshing)
        #expect(cache.decide(now: clock.now) == .useCached(fresh))
    }

    @Test func refreshesEarlyBySkew() {
        var clock = MockClock()
        let first = token("A", expiresAt: clock.now + 3_600)
        var cache = TokenCache(token: first, refreshSkew: 60)
        #expect(cache.decide(now: clock.now) == .useCached(first))
        clock.advance(by: 3_539)
        #expect(cache.decide(now: clock.now) == .useCached(first))
        clock.advance(by: 1)  // 60 s before expiry.
        #expect(cache.decide(now: clock.now) == .fetch)
        // While the early refresh is in flight the old token still works, so others keep using it.
        #expect(cache.decide(now: clock.now) == .useCached(first))
        clock.advance(by: 59)
        #expect(cache.decide(now: clock.now) == .useCached(first))
        clock.advance(by: 1)  // Now really expired: wait for the refresh.
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
        let second = token("B", expiresAt: clock.now + 3_600)
        cache.refreshSucceeded(with: second, at: clock.now)
        #expect(cache.decide(now: clock.now) == .useCached(second))
    }

    @Test func zeroSkewUsesTokenUntilExpiry() {
        var clock = MockClock()
        let first = token("A", expiresAt: clock.now + 10)
        var cache = TokenCache(token: first, refreshSkew: 0)
        clock.advance(by: 9)
        #expect(cache.decide(now: clock.now) == .useCached(first))
        clock.advance(by: 1)
        #expect(cache.decide(now: clock.now) == .fetch)
    }

    @Test func shortLivedTokenIsRefreshedHalfwayNotAtOnce() {
        var clock = MockClock()
        var cache = TokenCache(refreshSkew: 60)
        #expect(cache.decide(now: clock.now) == .fetch)
        let short = token("A", expiresAt: clock.now + 30)
        cache.refreshSucceeded(with: short, at: clock.now)
        #expect(cache.tokenObtainedAt == clock.now)
        #expect(cache.decide(now: clock.now) == .useCached(short))
        clock.advance(by: 14)
        #expect(cache.decide(now: clock.now) == .useCached(short))
        clock.advance(by: 1)
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.decide(now: clock.now) == .useCached(short))
    }

    @Test func tokenWithoutExpiryIsUsedUntilA401() {
        var clock = MockClock()
        let first = token("A", expiresAt: nil)
        var cache = TokenCache(token: first)
        clock.advance(by: 10_000_000)
        #expect(cache.decide(now: clock.now) == .useCached(first))
        cache.invalidate()
        #expect(cache.isInvalidated)
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
    }

    @Test func invalidateAfter401KeepsRefreshToken() {
        let clock = MockClock()
        let first = token("A", expiresAt: clock.now + 3_600)
        var cache = TokenCache(token: first)
        cache.invalidate(rejected: first)
        #expect(cache.refreshToken == "rt-A")
        #expect(cache.decide(now: clock.now) == .fetch)
        let second = token("B", expiresAt: clock.now + 3_600)
        cache.refreshSucceeded(with: second, at: clock.now)
        #expect(!cache.isInvalidated)
        #expect(cache.decide(now: clock.now) == .useCached(second))
    }

    @Test func late401ForAnOldTokenDoesNotDropANewOne() {
        let clock = MockClock()
        let first = token("A", expiresAt: clock.now + 3_600)
        let second = token("B", expiresAt: clock.now + 3_600)
        var cache = TokenCache(token: first)
        cache.invalidate(rejected: first)
        #expect(cache.decide(now: clock.now) == .fetch)
        cache.refreshSucceeded(with: second, at: clock.now)
        // A request that left with the old token comes back with 401 after the refresh.
        cache.invalidate(rejected: first)
        #expect(cache.decide(now: clock.now) == .useCached(second))
    }

    @Test func invalidatingAnEmptyCacheChangesNothing() {
        var cache = TokenCache()
        cache.invalidate()
        #expect(cache == TokenCache())
    }

    @Test func failedRefreshLetsTheNextCallerFetch() {
        var clock = MockClock()
        var cache = TokenCache()
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
        cache.refreshFailed()
        #expect(!cache.isRefreshing)
        clock.advance(by: 1)
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.refreshStartedAt == clock.now)
    }

    @Test func abandonedRefreshTimesOut() {
        var clock = MockClock()
        var cache = TokenCache(refreshTimeout: 30)
        #expect(cache.decide(now: clock.now) == .fetch)
        clock.advance(by: 29)
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
        clock.advance(by: 1)
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.refreshStartedAt == clock.now)
        #expect(cache.decide(now: clock.now) == .waitForRefresh)
    }

    @Test func expiredTokenIsNotUsedButItsRefreshTokenIsKept() {
        var clock = MockClock()
        let first = token("A", expiresAt: clock.now + 100)
        var cache = TokenCache(token: first, refreshSkew: 60)
        clock.advance(by: 500)
        #expect(cache.decide(now: clock.now) == .fetch)
        #expect(cache.token == first)
        #expect(cache.refreshToken == "rt-A")
    }

    @Test func cacheDescriptionHidesTheToken() {
        let cache = TokenCache(token: token("ACCESS-SECRET", expiresAt: 5))
        #expect(!"\(cache)".contains("ACCESS-SECRET"))
        #expect(!dumped(cache).contains("ACCESS-SECRET"))
    }
}
