import ServiceLifecycle
import Synchronization
import WeftConnectors
import WeftRuntime

/// The server's one HTTP client for requests tenants configure (action tests, runs): created on first use,
/// always behind the egress guard, and shut down with the server (it is a service of the application).
public final class OutboundHTTP: HTTPTransport, Service {
    private enum State {
        case idle
        case open(AsyncHTTPTransport)
        case closed
    }

    private let policy: GuardedEgressPolicy
    private let state = Mutex(State.idle)

    /// Creates the client; `allowedHosts` opens specific hosts to the egress guard.
    public init(allowedHosts: Set<String>) {
        policy = GuardedEgressPolicy(allowedHosts: allowedHosts)
    }

    public func perform(_ request: HTTPRequest, timeout: Duration?) async throws(StepFailure) -> HTTPResponse {
        let client: AsyncHTTPTransport? = state.withLock { state in
            switch state {
            case .open(let transport): return transport
            case .closed: return nil
            case .idle:
                let created = AsyncHTTPTransport(egressPolicy: policy)
                state = .open(created)
                return created
            }
        }
        guard let client else {
            throw StepFailure(.transport, "the server is shutting down", retryable: false)
        }
        return try await client.perform(request, timeout: timeout)
    }

    /// Waits for graceful shutdown, then closes the connection pool if one was opened; later requests fail.
    public func run() async throws {
        try? await gracefulShutdown()
        let opened: AsyncHTTPTransport? = state.withLock { state in
            defer { state = .closed }
            if case .open(let transport) = state { return transport }
            return nil
        }
        try await opened?.shutdown()
    }
}
