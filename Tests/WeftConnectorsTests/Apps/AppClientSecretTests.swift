import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

/// A canary secret in the connection must never reach a failure message or the journal, whatever the server
/// echoes back.
@Suite struct AppClientSecretTests {
    static let canary = "CANARY-7f3e9c"

    static let manifest = """
        weft: 1
        app: leaky
        name: Leaky
        version: 1.0.0
        connection:
          fields:
            secret: { secret: true }
            user: {}
        auth: { type: basic, username: "{{ $connection.user }}", password: "{{ $connection.secret }}" }
        base_url: "BASE"
        headers: { X-Custom: "Key {{ $connection.secret }}" }
        retry: { attempts: 2, initial: 1s }
        actions:
          echo:
            path: /echo
            query: { sig: "{{ $connection.secret }}" }
          broken_path:
            path: "/x/{{ $number($connection.secret) }}"
          broken_records:
            path: /ok
            records: "$error($connection.secret)"
        """

    /// Echoes the whole request, headers included, in an error body.
    static func echo(_ request: RecordedRequest) -> TestResponse {
        let headers = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        return .text("rejected \(request.method) \(request.uri)\n\(headers)\n\(request.bodyText)", status: 500)
    }

    @Test func noFailureMessageOrJournalEntryContainsTheSecret() async throws {
        let journal = RecordingJournal()
        let failures = try await AppTestSupport.withServer(
            { request in
                request.path == "/echo" ? Self.echo(request) : .json(#"{"ok": true}"#)
            },
            run: { server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app,
                    connection: ConnectionValues(
                        name: "c", app: app.id, fields: ["secret": .string(Self.canary), "user": "u"]),
                    transport: transport, clock: ManualClock())
                let context = AppTestSupport.context(journal: journal)
                var failures: [StepFailure] = []
                for action in ["echo", "broken_path", "broken_records"] {
                    if let failure = await AppTestSupport.failure({ () async throws(StepFailure) -> JSON in
                        try await client.call(action: action, input: [:], context: context)
                    }) {
                        failures.append(failure)
                    }
                }
                // A raw request through the connection, refused by the server.
                let response = try await client.send(
                    HTTPRequest(method: .GET, url: server.baseURL + "/echo?x=1"), context: context)
                #expect(response.status == 500)
                #expect(
                    await client.masked(String(decoding: response.body, as: UTF8.self)).contains(Self.canary) == false)
                return failures
            })
        #expect(failures.count == 3)
        #expect(failures.first?.status == 500)
        #expect(failures.first?.message.contains("sig=••••") == true)
        #expect(failures.map(\.kind) == [.httpStatus, .expression, .expression])
        for failure in failures {
            #expect(!failure.message.contains(Self.canary), "\(failure.message)")
            #expect(!failure.description.contains(Self.canary))
        }
        #expect(journal.entries.contains { $0.message.contains("retrying") })
        #expect(!journal.allText.contains(Self.canary))
        // Nor its Basic encoding.
        #expect(!failures.contains { $0.message.contains("dTpDQU5BUlk") })
    }
}
