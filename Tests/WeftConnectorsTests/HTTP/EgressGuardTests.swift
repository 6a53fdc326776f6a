import Foundation
import Testing
import WeftConnectors
import WeftRuntime
import WeftTestSupport

/// The egress guard: which addresses tenant requests may reach, and that the transport asks it before every hop.
@Suite("Egress guard")
struct EgressGuardTests {
    static let refused = [
        "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.10",
        "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3", "::127.0.0.1", "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::", "2002:a9fe:a9fe::1", "[::ffff:192.168.0.1]",
    ]
    static let allowed = [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "192.169.0.1", "100.128.0.1",
        "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808",
    ]

    @Test("internal and special addresses are refused, in every disguise", arguments: refused)
    func refusedAddress(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(EgressRules.refusal(for: address) != nil, "\(text) should be refused")
    }

    @Test("public addresses pass", arguments: allowed)
    func allowedAddress(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(EgressRules.refusal(for: address) == nil, "\(text) should pass")
    }

    @Test("host names are not addresses; addresses print in their standard form")
    func parsing() {
        #expect(IPAddress("example.com") == nil)
        #expect(IPAddress("1.2.3") == nil)
        #expect(IPAddress("::FFFF:7F00:1")?.description == "::ffff:127.0.0.1")
    }

    @Test(
        "the guard refuses internal hosts, other schemes and names resolving inside, with a message naming only the host"
    )
    func guardChecks() async {
        let guardPolicy = GuardedEgressPolicy()
        for url in [
            "http://127.0.0.1:8080/x", "http://[::1]/", "http://localhost/", "file:///etc/passwd", "ftp://example.com/",
        ] {
            do throws(StepFailure) {
                _ = try await guardPolicy.check(url: url)
                Issue.record("\(url) was allowed")
            } catch {
                #expect(error.kind == .configuration && !error.retryable, "\(url): \(error)")
                #expect(
                    !error.message.contains("127.0.0.1") || url.contains("127.0.0.1"), "the message leaks an address")
            }
        }
    }

    @Test("an allow-listed host passes, by name or name and port, and is resolved as usual")
    func allowList() async throws {
        #expect(
            try await GuardedEgressPolicy(allowedHosts: ["127.0.0.1"]).check(url: "http://127.0.0.1:9/x") == .asResolved
        )
        #expect(
            try await GuardedEgressPolicy(allowedHosts: ["localhost:9"]).check(url: "http://localhost:9/x")
                == .asResolved)
        await #expect(throws: StepFailure.self) {
            try await GuardedEgressPolicy(allowedHosts: ["localhost:9"]).check(url: "http://localhost:10/x")
        }
    }

    @Test("a public address passes and is pinned: the transport connects to the address that was checked")
    func publicAddressesArePinned() async throws {
        let route = try await GuardedEgressPolicy().check(url: "https://93.184.216.34:8443/x")
        #expect(route == .pinned(host: "93.184.216.34", address: IPAddress("93.184.216.34")!))
    }

    @Test("through the real transport: an allowed server is reached, a redirect to an internal address is not followed")
    func redirects() async throws {
        let inside = try await TestHTTPServer.start { _ in .json(#"{"secret":"internal"}"#) }
        let outside = try await TestHTTPServer.start { _ in
            TestResponse(status: 302, headers: [("Location", inside.baseURL + "/admin")])
        }
        // The test server is on loopback too: allow only the first one, by port.
        let transport = AsyncHTTPTransport(
            egressPolicy: GuardedEgressPolicy(allowedHosts: ["127.0.0.1:\(outside.port)"]))
        do throws(StepFailure) {
            _ = try await transport.perform(
                HTTPRequest(method: .GET, url: outside.baseURL + "/start"), timeout: .seconds(30))
            Issue.record("the redirect was followed")
        } catch {
            #expect(error.kind == .configuration)
        }
        #expect(inside.requests.isEmpty, "the internal server was contacted")
        #expect(outside.requests.count == 1)
        try? await transport.shutdown()
        await inside.stop()
        await outside.stop()
    }
}
