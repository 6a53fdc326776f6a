import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A request as the test server received it.
public struct RecordedRequest: Sendable {
    public var method: String
    /// The request target: path and query, as sent.
    public var uri: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// Creates a request, as the server records one.
    public init(method: String, uri: String, headers: [(name: String, value: String)], body: [UInt8]) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The path without the query.
    public var path: String { String(uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]) }

    /// The decoded query parameters, in order.
    public var query: [(name: String, value: String)] {
        guard let questionMark = uri.firstIndex(of: "?") else { return [] }
        return uri[uri.index(after: questionMark)...].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of the query parameter `name`.
    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// What the test server answers.
public struct TestResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// How long to wait before answering.
    public var delay: Duration?

    /// Creates an answer.
    public init(
        status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [], delay: Duration? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    /// A JSON answer.
    public static func json(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = [])
        -> TestResponse
    {
        TestResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }

    /// A plain text answer.
    public static func text(_ text: String, status: Int) -> TestResponse {
        TestResponse(status: status, headers: [("Content-Type", "text/plain")], body: Array(text.utf8))
    }
}

/// A small HTTP/1.1 server on 127.0.0.1 with an ephemeral port, for end-to-end tests: it records every request
/// and answers from a handler closure.
public final class TestHTTPServer: Sendable {
    public typealias Handler = @Sendable (RecordedRequest) -> TestResponse

    private let channel: any Channel
    private let recorded = Mutex<[RecordedRequest]>([])
    public let port: Int

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    public var requests: [RecordedRequest] { recorded.withLock { $0 } }

    private init(channel: any Channel) {
        self.channel = channel
        port = channel.localAddress?.port ?? 0
    }

    /// Starts a server answering with `handler`.
    public static func start(_ handler: @escaping Handler) async throws -> TestHTTPServer {
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        RequestHandler(handler: handler, record: { request in box.server?.record(request) }))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let server = TestHTTPServer(channel: channel)
        box.server = server
        return server
    }

    /// Stops listening.
    public func stop() async {
        try? await channel.close()
    }

    fileprivate func record(_ request: RecordedRequest) {
        recorded.withLock { $0.append(request) }
    }
}

/// Lets the handler reach the server created after the bootstrap.
private final class ServerBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: TestHTTPServer?

    var server: TestHTTPServer? {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

private final class RequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let handler: TestHTTPServer.Handler
    private let record: @Sendable (RecordedRequest) -> Void
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(handler: @escaping TestHTTPServer.Handler, record: @escaping @Sendable (RecordedRequest) -> Void) {
        self.handler = handler
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body += buffer.readableBytesView
        case .end:
            guard let head else { return }
            let request = RecordedRequest(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                body: body)
            record(request)
            let response = handler(request)
            let keepAlive = head.isKeepAlive
            if let delay = response.delay {
                let (seconds, attoseconds) = delay.components
                let amount = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: amount) {
                    let (handler, context) = loopBound.value
                    handler.write(response, keepAlive: keepAlive, context: context)
                }
            } else {
                write(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(_ response: TestResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var headers = HTTPHeaders(response.headers)
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
