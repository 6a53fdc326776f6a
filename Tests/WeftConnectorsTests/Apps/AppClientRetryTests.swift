import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite struct AppClientRetryTests {
    static func manifest(retry: String, extra: String = "") -> String {
        """
        weft: 1
        app: flaky
        name: Flaky
        version: 1.0.0
        base_url: "BASE"
        \(retry)
        \(extra)
        actions:
          get:
            path: /thing
          create:
            method: POST
            path: /things
            body: { name: name }
        """
    }

    static func client(_ yaml: String, _ server: TestHTTPServer, _ transport: AsyncHTTPTransport, clock: ManualClock)
        throws -> AppClient
    {
        let app = try AppTestSupport.app(yaml, base: server.baseURL)
        return AppClient(
            app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport,
            clock: clock)
    }

    @Test func retriesA429AfterTheRequestedWait() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let journal = RecordingJournal()
        let count = Shared(0)
        let output = try await AppTestSupport.withServer(
            { _ in
                let number = count.update { value -> Int in
                    value += 1
                    return value
                }
                return number == 1
                    ? .json(#"{"error":"slow down"}"#, status: 429, headers: [("Retry-After", "7")])
                    : .json(#"{"ok":true}"#)
            },
            run: { server, transport in
                let client = try Self.client(
                    Self.manifest(retry: "retry: { attempts: 3, initial: 1s, respect_retry_after: true }"), server,
                    transport,
                    clock: clock)
                return try await client.call(
                    action: "get", input: [:], context: AppTestSupport.context(journal: journal))
            })
        #expect(output == ["ok": true])
        #expect(count.value == 2)
        #expect(clock.now().timeIntervalSince(start) == 7)
        let retry = journal.entries.first { $0.message.contains("retrying") }
        #expect(retry?.fields["wait_ms"] == 7000)
        #expect(retry?.fields["status"] == 429)
        #expect(retry?.message.contains("attempt 2 of 3") == true)
    }

    @Test func retries503WithBackoffAndKeepsTheIdempotencyKey() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let count = Shared(0)
        let keys = Shared<[String]>([])
        let output = try await AppTestSupport.withServer(
            { request in
                keys.update { $0.append(request.header("Idempotency-Key") ?? "") }
                let number = count.update { value -> Int in
                    value += 1
                    return value
                }
                return number < 3 ? .text("unavailable", status: 503) : .json(#"{"id":9}"#, status: 201)
            },
            run: { server, transport in
                let client = try Self.client(
                    Self.manifest(retry: "retry: { attempts: 3, backoff: fixed, initial: 2s, jitter: false }"), server,
                    transport, clock: clock)
                return try await client.call(action: "create", input: ["name": "x"], context: AppTestSupport.context())
            })
        #expect(output == ["id": 9])
        #expect(count.value == 3)
        #expect(clock.now().timeIntervalSince(start) == 4)
        #expect(keys.value == Array(repeating: "run-1:call", count: 3))
    }

    @Test func givesUpAfterTheLastAttemptWithADescriptiveFailure() async throws {
        let clock = ManualClock()
        let failure = try await AppTestSupport.withServer(
            { _ in
                .text("the service is down for maintenance\nplease retry later", status: 503)
            },
            run: { server, transport in
                let client = try Self.client(
                    Self.manifest(retry: "retry: { attempts: 2, backoff: fixed, initial: 1s, jitter: false }"), server,
                    transport, clock: clock)
                return await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(action: "get", input: [:], context: AppTestSupport.context())
                }
            })
        #expect(failure?.kind == .httpStatus)
        #expect(failure?.status == 503)
        #expect(failure?.message.hasPrefix("GET http://127.0.0.1:") == true)
        #expect(
            failure?.message.contains("/thing answered HTTP 503: the service is down for maintenance please") == true)
    }

    @Test func doesNotRetryAClientError() async throws {
        let count = Shared(0)
        let failure = try await AppTestSupport.withServer(
            { _ in
                count.update { $0 += 1 }
                return .json(#"{"error":"not found"}"#, status: 404)
            },
            run: { server, transport in
                let client = try Self.client(
                    Self.manifest(retry: "retry: { attempts: 5 }"), server, transport, clock: ManualClock())
                return await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(action: "get", input: [:], context: AppTestSupport.context())
                }
            })
        #expect(failure?.status == 404)
        #expect(count.value == 1)
    }

    @Test func aSlowAnswerTimesOut() async throws {
        let failure = try await AppTestSupport.withServer(
            { _ in
                TestResponse(status: 200, body: Array("{}".utf8), delay: .seconds(3))
            },
            run: { server, transport in
                let client = try Self.client(Self.manifest(retry: ""), server, transport, clock: ManualClock())
                return await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
                    try await client.call(
                        action: "get", input: [:], context: AppTestSupport.context(timeout: .milliseconds(300)))
                }
            })
        #expect(failure?.kind == .timeout)
        #expect(failure?.retryable == true)
        #expect(failure?.message.contains("did not complete") == true)
    }

    @Test func aTimeoutIsRetried() async throws {
        let count = Shared(0)
        let clock = ManualClock()
        let output = try await AppTestSupport.withServer(
            { _ in
                let number = count.update { value -> Int in
                    value += 1
                    return value
                }
                // The first attempt stalls far beyond the timeout; the retry must have ample time even on a
                // busy machine (this test is about retrying, not about speed).
                return number == 1
                    ? TestResponse(status: 200, body: Array("{}".utf8), delay: .seconds(10)) : .json(#"{"ok":1}"#)
            },
            run: { server, transport in
                let client = try Self.client(
                    Self.manifest(retry: "retry: { attempts: 2, initial: 1s, jitter: false }"), server, transport,
                    clock: clock)
                return try await client.call(
                    action: "get", input: [:], context: AppTestSupport.context(timeout: .seconds(2)))
            })
        #expect(output == ["ok": 1])
        #expect(count.value == 2)
    }

    @Test func rateLimitWaitsOnTheClock() async throws {
        let clock = ManualClock()
        let start = clock.now()
        let journal = RecordingJournal()
        let count = try await AppTestSupport.withServer(
            { _ in .json("{}") },
            run: { server, transport in
                let client = try Self.client(
                    Self.manifest(retry: "", extra: "rate_limit: { requests: 2, per: 1s }"), server, transport,
                    clock: clock
                )
                let context = AppTestSupport.context(journal: journal)
                var elapsed: [Double] = []
                for _ in 0..<4 {
                    _ = try await client.call(action: "get", input: [:], context: context)
                    elapsed.append(clock.now().timeIntervalSince(start))
                }
                // Two requests go at once; then one every half second.
                #expect(elapsed == [0, 0, 0.5, 1.0])
                return server.requests.count
            })
        #expect(count == 4)
        #expect(journal.entries.filter { $0.message.contains("rate limit") }.count == 2)
    }
}
