import Hummingbird
import Logging
import WeftOpenAPI

/// The mock server of `weft mock` as one Hummingbird application: every request goes to ``MockHTTPResponder``.
///
/// - Parameters:
///   - responder: answers the requests (the document, seed, latency and error rate).
///   - sleeper: waits before answering when latency is injected.
///   - onListening: called with the port once the server listens (the one picked when `port` is 0).
///   - onAnswer: called with each request and its answer (for a request log).
public func buildMockApplication(
    responder: MockResponder, host: String = "127.0.0.1", port: Int = 4010, sleeper: any MockSleeper = TaskSleeper(),
    logger: Logger = Logger(label: "weft-mock"), onListening: @escaping @Sendable (Int) -> Void = { _ in },
    onAnswer: @escaping @Sendable (MockRequest, MockResponse) -> Void = { _, _ in }
) -> some ApplicationProtocol {
    Application(
        responder: MockHTTPResponder(responder: responder, sleeper: sleeper, onAnswer: onAnswer),
        configuration: .init(address: .hostname(host, port: port), serverName: "weft-mock"),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? port) }, logger: logger)
}
