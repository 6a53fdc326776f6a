import WeftJSON

/// What the mock answers: status, header fields, body, and how long to wait before sending it.
public struct MockResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields, in order (`Content-Type` among them when there is a body).
    public var headers: [(name: String, value: String)]
    /// The body's bytes.
    public var body: [UInt8]
    /// How long the server waits before answering (latency injection); zero without it.
    public var delay: Duration

    /// A response.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], delay: Duration = .zero)
    {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
    }

    /// A response whose body is `value` as JSON.
    static func json(_ status: Int, _ value: JSON, headers: [(name: String, value: String)] = []) -> MockResponse {
        MockResponse(
            status: status, headers: [("Content-Type", "application/json")] + headers, body: value.serializedBytes())
    }

    /// The first value of the header `name` (compared without case), or `nil`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// The body parsed as JSON, or `nil` when it is empty or not JSON.
    public var json: JSON? {
        body.isEmpty ? nil : try? JSONParser().parse(body)
    }
}
