import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import WeftJSON

/// A JSON client of the API for the benchmark, with the session token.
final class APIClient: @unchecked Sendable {
    let client: HTTPClient
    let base: String
    /// Set once, before the timed calls start.
    var token = ""

    init(client: HTTPClient, base: String) {
        self.client = client
        self.base = base
    }

    func send(_ method: HTTPMethod, _ path: String, _ body: JSON? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json")
        if !token.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: body.serializedBytes())) }
        return try await client.execute(request, timeout: .seconds(30))
    }

    func json(_ method: HTTPMethod, _ path: String, _ body: JSON? = nil) async throws -> JSON {
        let response = try await send(method, path, body)
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return try JSONParser().parse(Array(bytes.readableBytesView))
    }
}
