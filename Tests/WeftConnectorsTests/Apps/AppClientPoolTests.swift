import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

/// Answers every request with an empty JSON object, without a network.
struct StubTransport: HTTPTransport {
    func perform(_ request: HTTPRequest, timeout: Duration?) async throws(StepFailure) -> HTTPResponse {
        HTTPResponse(status: 200, headers: [("Content-Type", "application/json")], body: Array("{}".utf8))
    }
}

@Suite struct AppClientPoolTests {
    static let app = """
        weft: 1
        app: pooled
        name: Pooled
        version: 1.0.0
        connection: { fields: { token: { secret: true } } }
        auth: { type: bearer, token: "{{ $connection.token }}" }
        base_url: https://api.example.com
        actions: { ping: { path: /ping } }
        """

    @Test func clientsAreSharedByAppAndConnection() throws {
        let app = try AppTestSupport.app(Self.app)
        let pool = AppClientPool(transport: StubTransport(), clock: ManualClock())
        let connection = ConnectionValues(name: "prod", app: "pooled", fields: ["token": "t-1"])
        let first = pool.client(for: app, connection: connection)
        #expect(pool.client(for: app, connection: connection) === first)
        // Another tenant's connection of the same name is another client.
        #expect(pool.client(for: app, connection: connection, scope: "tenant-2") !== first)
        // Rotated credentials replace the client.
        let rotated = ConnectionValues(name: "prod", app: "pooled", fields: ["token": "t-2"])
        let replaced = pool.client(for: app, connection: rotated)
        #expect(replaced !== first)
        #expect(pool.client(for: app, connection: rotated) === replaced)
        #expect(pool.count == 2)
        pool.remove(connection: "prod")
        #expect(pool.count == 1)
    }

    @Test func unknownActionIsAConfigurationFailure() async throws {
        let app = try AppTestSupport.app(Self.app)
        let client = AppClient(
            app: app, connection: ConnectionValues(name: "c", app: "pooled", fields: ["token": "t-1"]),
            transport: StubTransport())
        let failure = await AppTestSupport.failure { () async throws(StepFailure) -> JSON in
            try await client.call(action: "nope", input: [:], context: AppTestSupport.context())
        }
        #expect(failure?.kind == .configuration)
    }

    @Test func authorizeAddsCredentialsToARawRequest() async throws {
        let app = try AppTestSupport.app(Self.app)
        let client = AppClient(
            app: app, connection: ConnectionValues(name: "c", app: "pooled", fields: ["token": "t-123"]),
            transport: StubTransport())
        let request = try await client.authorize(
            HTTPRequest(method: .GET, url: "https://api.example.com/raw"), context: AppTestSupport.context())
        #expect(request.header("Authorization") == "Bearer t-123")
        let masked = await client.masked(request)
        #expect(masked.header("Authorization") == "••••")
        #expect(await client.masked("token t-123 leaked") == "token •••• leaked")
    }
}
