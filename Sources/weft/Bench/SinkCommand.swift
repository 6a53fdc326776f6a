import ArgumentParser
import Hummingbird
import Logging
import Synchronization

/// `weft bench sink`: a fast local HTTP endpoint for load tests of flows that send requests out (the Python
/// standard library's server is too slow to be the far end of a pipeline measured in thousands per second).
///
/// - `POST /sink` answers `200 {"ok":true}` at once and counts the request;
/// - `POST /slow` answers the same after `--delay` milliseconds (a remote API with a fixed latency);
/// - `GET /echo` and `POST /echo` answer the request body back: the machine's plain HTTP request rate, to compare
///   a pipeline's rate with;
/// - `GET /count` answers `{"sink":N,"slow":N}`, the requests counted so far.
struct SinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink",
        abstract: "Serve a fast HTTP sink for benchmarks (/sink, /slow, /echo, /count)."
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 9090

    @Option(help: "How long POST /slow waits before answering, in milliseconds.")
    var delay = 10

    func run() async throws {
        let counts = SinkCounts()
        let delay = Duration.milliseconds(delay)
        let router = Router()
        router.post("sink") { _, _ -> Response in
            counts.sink.add(1, ordering: .relaxed)
            return Self.ok
        }
        router.post("slow") { _, _ -> Response in
            try await Task.sleep(for: delay)
            counts.slow.add(1, ordering: .relaxed)
            return Self.ok
        }
        let echo: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: 1 << 20)
            return Response(status: .ok, body: ResponseBody(byteBuffer: body))
        }
        router.get("echo", use: echo)
        router.post("echo", use: echo)
        router.get("count") { _, _ -> Response in
            let text =
                #"{"sink":\#(counts.sink.load(ordering: .relaxed)),"slow":\#(counts.slow.load(ordering: .relaxed))}"#
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
        var logger = Logger(label: "weft-bench-sink")
        logger.logLevel = .warning
        let host = host
        let application = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                printLine("weft bench sink is serving on http://\(host):\(channel.localAddress?.port ?? 0)")
            }, logger: logger)
        try await application.runService()
    }

    /// The answer of `/sink` and `/slow`.
    static var ok: Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"ok":true}"#)))
    }
}

/// The requests the sink has answered.
private final class SinkCounts: Sendable {
    let sink = Atomic<Int>(0)
    let slow = Atomic<Int>(0)
}
