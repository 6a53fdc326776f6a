import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import WeftJSON
import WeftServer
import WeftStore
import WeftStoreSQLite

/// The real application on a temporary SQLite file, driven through Hummingbird's test client.
struct PlatformTestServer {
    let directory: URL
    let store: SQLiteStore
    let configuration: ServerConfiguration
    let masterKey = MasterKey.generate()
    let runSettings: RunExecution.Settings

    init(
        egressAllowList: Set<String> = [], publicURL: String? = nil,
        runSettings: RunExecution.Settings = RunExecution.Settings()
    ) async throws {
        self.runSettings = runSettings
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("weft-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = SQLiteStore(path: directory.appendingPathComponent("weft.sqlite").path)
        try await store.migrate()
        var configuration = ServerConfiguration()
        configuration.bcryptCost = 4  // the lowest cost: tests check behaviour, not hashing strength
        // Every test request comes from one address; rate limits have their own tests.
        configuration.addressBurst = 1_000_000
        configuration.apiKeyBurst = 1_000_000
        configuration.egressAllowList = egressAllowList
        configuration.publicURL = publicURL
        self.configuration = configuration
    }

    /// Runs `body` against the application, then removes the database.
    func test<Value: Sendable>(
        logger: Logger = Logger(label: "weft"), _ body: @Sendable (Client) async throws -> Value
    ) async throws -> Value {
        let app = buildApplication(
            configuration: configuration, store: store, masterKey: masterKey, runSettings: runSettings, logger: logger)
        let result: Result<Value, any Error>
        do {
            result = .success(try await app.test(.router) { client in try await body(Client(client: client)) })
        } catch {
            result = .failure(error)
        }
        await store.close()
        try? FileManager.default.removeItem(at: directory)
        return try result.get()
    }

    /// A test client that speaks JSON.
    struct Client: Sendable {
        let client: any TestClientProtocol

        /// Sends a request and returns the status and the parsed body (`nil` when empty or not JSON).
        @discardableResult
        func call(
            _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: JSON? = nil, raw: String? = nil
        ) async throws -> (status: HTTPResponse.Status, body: JSON?) {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let token { headers[.authorization] = "Bearer \(token)" }
            let text = raw ?? json.map { $0.serialized() }
            let response = try await client.execute(
                uri: uri, method: method, headers: headers, body: text.map { ByteBuffer(string: $0) })
            let bytes = Array(response.body.readableBytesView)
            return (response.status, bytes.isEmpty ? nil : try? JSONParser().parse(bytes))
        }

        /// Sends `body` with `headers` (no authentication): what a webhook provider does.
        func deliver(
            _ uri: String, body: String, headers: [(String, String)] = [], method: HTTPRequest.Method = .post
        ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: JSON?) {
            var fields: HTTPFields = [.contentType: "application/json"]
            for (name, value) in headers { fields[.init(name)!] = value }
            let response = try await client.execute(
                uri: uri, method: method, headers: fields, body: ByteBuffer(string: body))
            let bytes = Array(response.body.readableBytesView)
            return (response.status, response.headers, bytes.isEmpty ? nil : try? JSONParser().parse(bytes))
        }

        /// Sends raw bytes as a JSON body (to send what a `String` cannot hold, such as invalid UTF-8).
        func send(
            _ method: HTTPRequest.Method, _ uri: String, token: String?, bytes: [UInt8]
        ) async throws -> (status: HTTPResponse.Status, body: JSON?) {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let token { headers[.authorization] = "Bearer \(token)" }
            let response = try await client.execute(
                uri: uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
            let answer = Array(response.body.readableBytesView)
            return (response.status, answer.isEmpty ? nil : try? JSONParser().parse(answer))
        }

        /// Signs up `email` and returns the session token and user id.
        func signUp(_ email: String, name: String = "Someone") async throws -> (token: String, userID: String) {
            let (status, body) = try await call(
                .post, "/v1/auth/signup",
                json: ["email": .string(email), "name": .string(name), "password": "correct horse battery"])
            guard status == .created, let token = body?["token"]?["value"]?.stringValue,
                let id = body?["user"]?["id"]?.stringValue
            else { throw PlatformTestFailure("sign-up of \(email) failed: \(status) \(String(describing: body))") }
            return (token, id)
        }

        /// Creates an organization owned by the holder of `token` and returns its id.
        func createOrganization(_ name: String, token: String) async throws -> String {
            let (status, body) = try await call(.post, "/v1/orgs", token: token, json: ["name": .string(name)])
            guard status == .created, let id = body?["organization"]?["id"]?.stringValue else {
                throw PlatformTestFailure("creating \(name) failed: \(status) \(String(describing: body))")
            }
            return id
        }
    }
}

struct PlatformTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
