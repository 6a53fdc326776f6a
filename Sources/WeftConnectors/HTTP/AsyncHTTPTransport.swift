import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Synchronization
import WeftModel
import WeftRuntime

/// The real ``HTTPTransport``: AsyncHTTPClient with a deadline per request, a cap on response bodies, and
/// redirects followed by hand so that the ``EgressPolicy`` sees every hop.
///
/// One transport holds one connection pool; share it (an ``AppClientPool`` does) and call ``shutdown()`` once
/// when the owner stops.
public final class AsyncHTTPTransport: HTTPTransport {
    /// The largest response body read by default: 32 MiB.
    public static let defaultMaximumBodySize = 32 << 20
    /// The most redirects one request follows.
    public static let maximumRedirects = 5

    /// The largest response body read; a longer one fails the request.
    public let maximumBodySize: Int
    /// The deadline of a request whose caller gives none.
    public let defaultTimeout: Duration
    private let client: HTTPClient
    private let egressPolicy: any EgressPolicy
    private let configuration: HTTPClient.Configuration
    /// Clients that connect a host to the address its egress check approved, by `host → address`.
    private let pinnedClients = Mutex<[String: HTTPClient]>([:])
    /// The most pinned clients kept open; beyond, a pinned request gets a client of its own for one exchange.
    static let maximumPinnedClients = 64

    /// Creates a transport with its own connection pool on the shared event loop group.
    ///
    /// - Parameters:
    ///   - egressPolicy: asked before the first request and every redirect hop.
    ///   - maximumBodySize: the largest response body read.
    ///   - defaultTimeout: the deadline of a request when `perform` is given none.
    ///   - connectTimeout: how long establishing a connection may take.
    public init(
        egressPolicy: any EgressPolicy = AllowAllEgressPolicy(), maximumBodySize: Int = defaultMaximumBodySize,
        defaultTimeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(10)
    ) {
        self.egressPolicy = egressPolicy
        self.maximumBodySize = maximumBodySize
        self.defaultTimeout = defaultTimeout
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: Self.timeAmount(connectTimeout)))
        // A refused or unreachable endpoint fails now, as a retryable transport failure, instead of being retried
        // silently until the connect timeout: retries belong to the step's and app's retry policies, which count
        // and log each attempt and honour the step's timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.configuration = configuration
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Closes the connection pools. Call once, after the last request.
    public func shutdown() async throws {
        let pinned = pinnedClients.withLock { clients in
            defer { clients.removeAll() }
            return Array(clients.values)
        }
        for client in pinned { try await client.shutdown() }
        try await client.shutdown()
    }

    public func perform(_ request: HTTPRequest, timeout: Duration?) async throws(StepFailure) -> HTTPResponse {
        let limit = timeout ?? defaultTimeout
        let deadline = NIODeadline.now() + Self.timeAmount(limit)
        let outcome = await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do throws(StepFailure) {
                    return .response(try await self.followingRedirects(request, deadline: deadline, limit: limit))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: limit)
                    return .timedOut
                } catch {
                    return .cancelled
                }
            }
            let first = await group.next() ?? .cancelled
            group.cancelAll()
            return first
        }
        switch outcome {
        case .response(let response): return response
        case .failure(let failure): throw failure
        case .timedOut: throw Self.timeoutFailure(request, limit)
        case .cancelled: throw StepFailure(.transport, "the request was cancelled", retryable: false)
        }
    }

    private enum Outcome: Sendable {
        case response(HTTPResponse)
        case failure(StepFailure)
        case timedOut
        case cancelled
    }

    /// Sends `request`, following up to ``maximumRedirects`` redirects, each hop checked by the egress policy.
    private func followingRedirects(_ request: HTTPRequest, deadline: NIODeadline, limit: Duration)
        async throws(StepFailure) -> HTTPResponse
    {
        var current = request
        var hops = 0
        while true {
            let route = try await egressPolicy.check(url: current.url)
            let response = try await send(current, route: route, deadline: deadline, limit: limit)
            guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location")
            else { return response }
            guard hops < Self.maximumRedirects else {
                throw StepFailure(
                    .transport,
                    "\(RequestURL.hostDescription(request.url)) redirected more than "
                        + "\(Self.maximumRedirects) times", retryable: false)
            }
            guard let target = RequestURL.resolve(location, against: current.url) else {
                throw StepFailure(
                    .transport, "\(RequestURL.hostDescription(current.url)) redirected to an invalid URL",
                    retryable: false)
            }
            current = Self.redirected(current, to: target, status: response.status)
            hops += 1
        }
    }

    /// The request that follows a redirect: 303 (and 301/302 after a POST) becomes a GET without a body, and
    /// credentials never travel to another origin.
    static func redirected(_ request: HTTPRequest, to target: String, status: Int) -> HTTPRequest {
        var next = request
        next.url = target
        if status == 303 && request.method != .HEAD || (status == 301 || status == 302) && request.method == .POST {
            next.method = .GET
            next.body = nil
            next.headers.removeAll {
                let name = $0.name.lowercased()
                return name == "content-type" || name == "content-length"
            }
        }
        if !RequestURL.sameOrigin(request.url, target) {
            next.headers.removeAll { SecretNames.isSecret($0.name) || $0.name.lowercased() == "proxy-authorization" }
        }
        return next
    }

    /// One exchange on the route the egress policy chose: through the shared pool, or connected to the pinned
    /// address.
    private func send(_ request: HTTPRequest, route: EgressRoute, deadline: NIODeadline, limit: Duration)
        async throws(StepFailure) -> HTTPResponse
    {
        guard case .pinned(let host, let address) = route else {
            return try await send(request, with: client, deadline: deadline, limit: limit)
        }
        let key = "\(host) \(address)"
        let (pinned, kept) = pinnedClients.withLock { clients -> (HTTPClient, Bool) in
            if let existing = clients[key] { return (existing, true) }
            var configuration = self.configuration
            configuration.dnsOverride = [host: address.description]
            let created = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            guard clients.count < Self.maximumPinnedClients else { return (created, false) }
            clients[key] = created
            return (created, true)
        }
        let result: Result<HTTPResponse, StepFailure>
        do throws(StepFailure) {
            result = .success(try await send(request, with: pinned, deadline: deadline, limit: limit))
        } catch {
            result = .failure(error)
        }
        if !kept { try? await pinned.shutdown() }
        return try result.get()
    }

    /// One exchange through `client`, body read up to the cap.
    private func send(_ request: HTTPRequest, with client: HTTPClient, deadline: NIODeadline, limit: Duration)
        async throws(StepFailure) -> HTTPResponse
    {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(body) }
        do {
            let response = try await client.execute(outgoing, deadline: deadline)
            let body = try await response.body.collect(upTo: maximumBodySize)
            return HTTPResponse(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                body: Array(body.readableBytesView))
        } catch {
            throw failure(for: error, request: request, limit: limit)
        }
    }

    /// A readable failure for an error of AsyncHTTPClient or SwiftNIO: the host at most, no addresses, no
    /// internals.
    private func failure(for error: any Error, request: HTTPRequest, limit: Duration) -> StepFailure {
        let host = RequestURL.hostDescription(request.url)
        if error is NIOTooManyBytesError {
            return StepFailure(
                .transport, "the response from \(host) is larger than \(Self.sizeText(maximumBodySize))",
                retryable: false)
        }
        if error is CancellationError {
            return StepFailure(.transport, "the request to \(host) was cancelled", retryable: false)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return Self.timeoutFailure(request, limit)
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return StepFailure(.transport, "connecting to \(host) timed out")
            case .tlsHandshakeTimeout:
                return StepFailure(.transport, "the TLS handshake with \(host) timed out")
            case .remoteConnectionClosed:
                return StepFailure(.transport, "\(host) closed the connection before answering")
            case .invalidURL, .emptyHost, .emptyScheme:
                return StepFailure(.configuration, "the request URL is not a valid http or https URL")
            case .cancelled:
                return StepFailure(.transport, "the request to \(host) was cancelled", retryable: false)
            default:
                return StepFailure(.transport, "the request to \(host) failed")
            }
        }
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("SSL") || typeName.contains("TLS") || typeName.contains("Certificate") {
            return StepFailure(.transport, "the TLS connection to \(host) failed")
        }
        if typeName.contains("Connection") || typeName.contains("IOError") || typeName.contains("DNS")
            || typeName.contains("Resolution")
        {
            return StepFailure(.transport, "could not connect to \(host)")
        }
        return StepFailure(.transport, "the request to \(host) failed")
    }

    private static func timeoutFailure(_ request: HTTPRequest, _ limit: Duration) -> StepFailure {
        StepFailure(
            .timeout,
            "\(request.method.rawValue) to \(RequestURL.hostDescription(request.url)) did not complete within "
                + DurationText.describe(limit))
    }

    private static func sizeText(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
