import Hummingbird
import WeftOpenAPI

/// The HTTP face of a ``MockResponder``: every request, whatever its path and method, is read whole and handed to
/// the responder; its answer is sent after the wait latency injection asks for.
public struct MockHTTPResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    /// The largest request body read (8 MiB); larger ones are refused with 413.
    public static let maximumBodySize = 8 << 20

    let responder: MockResponder
    let sleeper: any MockSleeper
    let onAnswer: @Sendable (MockRequest, MockResponse) -> Void

    /// A responder that answers with `responder`, waits with `sleeper` and reports each exchange to `onAnswer`.
    public init(
        responder: MockResponder, sleeper: any MockSleeper = TaskSleeper(),
        onAnswer: @escaping @Sendable (MockRequest, MockResponse) -> Void = { _, _ in }
    ) {
        self.responder = responder
        self.sleeper = sleeper
        self.onAnswer = onAnswer
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let body = try await request.body.collect(upTo: Self.maximumBodySize)
        let mockRequest = MockRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Array(body.readableBytesView))
        let answer = responder.respond(to: mockRequest)
        if answer.delay > .zero { try await sleeper.sleep(for: answer.delay) }
        onAnswer(mockRequest, answer)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            guard let field = HTTPFields.Element.Name(name) else { continue }
            fields.append(HTTPFields.Element(name: field, value: value))
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
