import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WeftJSON
import WeftServer
import WeftStore
import WeftStoreSQLite

/// Rate limits: per client address before authentication, per API key after it; 429 with Retry-After.
@Suite("Rate limits")
struct RateLimitTests {
    @Test("token buckets admit a burst, then refill at their rate")
    func buckets() {
        let limiter = RequestRateLimiter(perMinute: 60, burst: 2)
        let start = Date(timeIntervalSince1970: 1_000)
        #expect(limiter.admit("a", now: start) == nil)
        #expect(limiter.admit("a", now: start) == nil)
        #expect(limiter.admit("a", now: start) == .seconds(1))
        #expect(limiter.admit("b", now: start) == nil, "keys are counted apart")
        #expect(limiter.admit("a", now: start.addingTimeInterval(0.5)) == .milliseconds(500))
        #expect(limiter.admit("a", now: start.addingTimeInterval(1)) == nil)
    }

    @Test("a client over its rate gets 429 with Retry-After and the error shape; health checks are not limited")
    func overTheLimit() async throws {
        var configuration = ServerConfiguration()
        configuration.bcryptCost = 4
        configuration.addressRequestsPerMinute = 1
        configuration.addressBurst = 3
        let store = SQLiteStore.inMemory()
        try await store.migrate()
        let app = buildApplication(configuration: configuration, store: store, masterKey: MasterKey.generate())
        try await app.test(.router) { client in
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/v1/me", method: .get)
                #expect(response.status == .unauthorized)
            }
            let limited = try await client.execute(uri: "/v1/me", method: .get)
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            let body = try JSONParser().parse(Array(limited.body.readableBytesView))
            #expect(body["error"]?["code"] == "rate_limited")
            // Health checks are not rate limited.
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        await store.close()
    }
}
