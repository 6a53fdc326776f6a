/// The port the benchmark's server listens on, once it does.
final class PortBox: Sendable {
    private let stream: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init() { (stream, continuation) = AsyncStream.makeStream(of: Int.self) }

    func set(_ port: Int) { continuation.yield(port) }

    func wait() async throws -> Int {
        for await port in stream { return port }
        throw BenchFailure("the server did not start")
    }
}
