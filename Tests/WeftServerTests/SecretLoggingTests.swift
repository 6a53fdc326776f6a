import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// Secrets stay out of the server's logs at every level, debug and trace included.
@Suite("Secrets in logs")
struct SecretLoggingTests {
    static let canary = "canary-log-secret-4411"
    static let password = "correct horse battery"

    @Test("signing up, storing and using a connection, testing an action and running a flow log no secret")
    func nothingSecretIsLogged() async throws {
        let api = try await TestHTTPServer.start { request in
            .json(#"{"seen":"\#(request.header("Authorization") ?? "")"}"#)
        }
        let recorder = LogRecorder()
        let server = try await PlatformTestServer(egressAllowList: ["127.0.0.1:\(api.port)"])
        try await server.test(logger: recorder.logger) { client in
            let ada = try await client.signUp("ada@example.com")
            let org = try await client.createOrganization("Acme", token: ada.token)
            let base = "/v1/orgs/\(org)"
            _ = try await client.call(
                .post, "\(base)/apps", token: ada.token, json: ["source": .string(RunAPITests.app)])
            let values: JSON = ["base_url": .string(api.baseURL), "token": .string(Self.canary)]
            _ = try await client.call(
                .post, "\(base)/connections", token: ada.token, json: ["name": "crm", "app": "crm", "values": values])
            _ = try await client.call(.put, "\(base)/connections/crm", token: ada.token, json: ["values": values])
            _ = try await client.call(.get, "\(base)/connections/crm", token: ada.token)
            _ = try await client.call(
                .post, "\(base)/apps/crm/actions/whoami/test", token: ada.token, json: ["connection": "crm"])
            _ = try await client.call(
                .post, "\(base)/flows", token: ada.token,
                json: RunAPITests.flow("  - id: me\n    action: crm/whoami\n    connection: crm"))
            let run = try await client.call(.post, "\(base)/flows/sync/runs", token: ada.token, json: ["input": [:]])
            #expect(run.body?["run"]?["state"] == "succeeded")
            // A refused login and a malformed body are logged too.
            _ = try await client.call(
                .post, "/v1/auth/login", json: ["email": "ada@example.com", "password": .string(Self.canary)])
            _ = try await client.call(
                .post, "\(base)/connections", token: ada.token, raw: #"{"values": "# + Self.canary)
        }
        await api.stop()
        let lines = recorder.entries.map(\.text)
        #expect(lines.contains { $0.hasPrefix("debug") && $0.contains("/connections") }, "requests are logged at debug")
        for line in lines {
            #expect(!line.contains(Self.canary), "a log line shows the secret: \(line)")
            #expect(!line.contains(Self.password), "a log line shows a password: \(line)")
        }
        #expect(api.requests.count == 2, "the action test and the run each called the API")
    }
}
