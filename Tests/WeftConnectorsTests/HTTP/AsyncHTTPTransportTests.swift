import Foundation
import Testing
import WeftConnectors
import WeftModel
import WeftRuntime
import WeftTestSupport

/// Records every URL it is asked about and refuses hosts on a deny list.
struct RecordingEgressPolicy: EgressPolicy {
    let checked = Shared<[String]>([])
    var denied: Set<String> = []

    func check(url: String) async throws(StepFailure) -> EgressRoute {
        checked.update { $0.append(url) }
        if denied.contains(where: { url.contains($0) }) {
            throw StepFailure(.configuration, "outbound requests to this host are not allowed", retryable: false)
        }
        return .asResolved
    }
}

/// Pins every host to one address, as the egress guard pins the address it checked.
struct PinningEgressPolicy: EgressPolicy {
    let address: IPAddress

    func check(url: String) async throws(StepFailure) -> EgressRoute {
        guard let host = URLComponents(string: url)?.host else { return .asResolved }
        return .pinned(host: host, address: address)
    }
}

@Suite struct AsyncHTTPTransportTests {
    static func perform(
        _ transport: AsyncHTTPTransport, _ request: HTTPRequest, timeout: Duration? = .seconds(60)
    ) async -> Result<HTTPResponse, StepFailure> {
        do throws(StepFailure) {
            return .success(try await transport.perform(request, timeout: timeout))
        } catch {
            return .failure(error)
        }
    }

    @Test func sendsMethodHeadersAndBody() async throws {
        let response = try await AppTestSupport.withServer(
            { request in
                .json(
                    #"{"method":"\#(request.method)","body":\#(request.bodyText),"h":"\#(request.header("X-One") ?? "")"}"#
                )
            },
            run: { server, transport in
                try await transport.perform(
                    HTTPRequest(
                        method: .PUT, url: server.baseURL + "/x", headers: [("X-One", "1")],
                        body: Array(#"{"a":1}"#.utf8)),
                    timeout: .seconds(60))
            })
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"method":"PUT","body":{"a":1},"h":"1"}"#)
        #expect(response.header("content-type") == "application/json")
    }

    @Test("a pinned route connects to the checked address, not to what the name resolves to now")
    func pinnedRouteConnectsToTheCheckedAddress() async throws {
        // `weft-pinned.invalid` resolves nowhere (RFC 6761): only the pin can lead the request to the server.
        let transport = AsyncHTTPTransport(egressPolicy: PinningEgressPolicy(address: IPAddress("127.0.0.1")!))
        let response = try await AppTestSupport.withServer(
            transport: transport, { request in .json(#"{"host":"\#(request.header("Host") ?? "")"}"#) },
            run: { server, transport in
                try await transport.perform(
                    HTTPRequest(method: .GET, url: "http://weft-pinned.invalid:\(server.port)/x"), timeout: .seconds(30)
                )
            })
        #expect(response.status == 200)
        #expect(
            String(decoding: response.body, as: UTF8.self).contains("weft-pinned.invalid"),
            "the Host header keeps the name")
    }

    @Test func followsRedirectsCheckingEveryHop() async throws {
        let policy = RecordingEgressPolicy()
        let response = try await AppTestSupport.withServer(
            transport: AsyncHTTPTransport(egressPolicy: policy),
            {
                request in
                switch request.path {
                case "/a": return TestResponse(status: 301, headers: [("Location", "/b")])
                case "/b": return TestResponse(status: 307, headers: [("Location", "/c?x=1")])
                default: return .json(#"{"at":"\#(request.uri)","method":"\#(request.method)"}"#)
                }
            },
            run: { server, transport in
                try await transport.perform(
                    HTTPRequest(method: .GET, url: server.baseURL + "/a"), timeout: .seconds(60))
            })
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"at":"/c?x=1","method":"GET"}"#)
        #expect(
            policy.checked.value.map { $0.split(separator: "/", maxSplits: 3).last.map(String.init) } == [
                "a", "b", "c?x=1",
            ])
    }

    @Test func aPostRedirectedWith303BecomesAGet() async throws {
        let requests = try await AppTestSupport.withServer(
            { request in
                request.path == "/form" ? TestResponse(status: 303, headers: [("Location", "/done")]) : .json("{}")
            },
            run: { server, transport in
                _ = try await transport.perform(
                    HTTPRequest(
                        method: .POST, url: server.baseURL + "/form", headers: [("Content-Type", "application/json")],
                        body: Array("{}".utf8)), timeout: .seconds(60))
                return server.requests
            })
        #expect(requests.map(\.method) == ["POST", "GET"])
        #expect(requests.last?.body.isEmpty == true)
        #expect(requests.last?.header("Content-Type") == nil)
    }

    @Test func stopsAfterFiveRedirects() async throws {
        let (result, count) = try await AppTestSupport.withServer(
            { request in
                let next = (Int(request.path.dropFirst()) ?? 0) + 1
                return TestResponse(status: 302, headers: [("Location", "/\(next)")])
            },
            run: { server, transport in
                (
                    await Self.perform(transport, HTTPRequest(method: .GET, url: server.baseURL + "/0")),
                    server.requests.count
                )
            })
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == .transport)
        #expect(failure.retryable == false)
        #expect(failure.message.contains("redirected more than 5 times"))
        #expect(count == 6)
    }

    @Test func credentialsDoNotFollowARedirectToAnotherOrigin() async throws {
        let other = try await TestHTTPServer.start { _ in .json("{}") }
        let target = other.baseURL + "/landing"
        let result: Void? = try? await AppTestSupport.withServer(
            { _ in
                TestResponse(status: 302, headers: [("Location", target)])
            },
            run: {
                server, transport in
                _ = try await transport.perform(
                    HTTPRequest(
                        method: .GET, url: server.baseURL + "/start",
                        headers: [("Authorization", "Bearer abc"), ("X-Api-Key", "k"), ("X-Trace", "t")]),
                    timeout: .seconds(60))
                #expect(server.requests.first?.header("Authorization") == "Bearer abc")
            })
        await other.stop()
        #expect(result != nil)
        let landed = try #require(other.requests.first)
        #expect(landed.header("Authorization") == nil)
        #expect(landed.header("X-Api-Key") == nil)
        #expect(landed.header("X-Trace") == "t")
    }

    @Test func theEgressPolicyCanRefuseARedirect() async throws {
        let policy = RecordingEgressPolicy(denied: ["169.254.169.254"])
        let result = try await AppTestSupport.withServer(
            transport: AsyncHTTPTransport(egressPolicy: policy),
            { _ in
                TestResponse(status: 302, headers: [("Location", "http://169.254.169.254/latest/meta-data")])
            },
            run: { server, transport in
                await Self.perform(transport, HTTPRequest(method: .GET, url: server.baseURL + "/"))
            })
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == .configuration)
        #expect(policy.checked.value.count == 2)
    }

    @Test func aLargeBodyFails() async throws {
        let result = try await AppTestSupport.withServer(
            transport: AsyncHTTPTransport(maximumBodySize: 1024),
            { _ in
                TestResponse(status: 200, body: Array(repeating: UInt8(ascii: "a"), count: 4096))
            },
            run: { server, transport in
                await Self.perform(transport, HTTPRequest(method: .GET, url: server.baseURL + "/big"))
            })
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == .transport)
        #expect(failure.retryable == false)
        #expect(failure.message.contains("larger than 1024 bytes"))
    }

    @Test func aSlowAnswerTimesOut() async throws {
        // The answer takes 5 s; the request gives up after 200 ms. (No wall-clock assertion: the failure kind
        // shows the deadline fired, since the server would otherwise answer 200.)
        let result = try await AppTestSupport.withServer(
            { _ in
                TestResponse(status: 200, body: [], delay: .seconds(5))
            },
            run: { server, transport in
                await Self.perform(
                    transport, HTTPRequest(method: .GET, url: server.baseURL + "/slow"), timeout: .milliseconds(200))
            })
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == .timeout)
        #expect(failure.message.contains("200ms"))
    }

    @Test func aRefusedConnectionIsATransportFailureWithAReadableMessage() async throws {
        let server = try await TestHTTPServer.start { _ in .json("{}") }
        let url = server.baseURL + "/gone"
        await server.stop()
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(1))
        let result = await Self.perform(transport, HTTPRequest(method: .GET, url: url), timeout: .seconds(60))
        try await transport.shutdown()
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == .transport)
        #expect(failure.retryable == true)
        #expect(failure.message.contains("127.0.0.1:"))
        #expect(!failure.message.contains("Error"))
        #expect(!failure.message.contains("errno"))
    }
}
