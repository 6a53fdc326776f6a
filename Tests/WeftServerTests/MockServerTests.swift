import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftOpenAPI
import WeftRuntime
import WeftServer

/// `weft mock`'s server: the Hummingbird adapter over `MockResponder`, through the test client and over real HTTP
/// with WeftConnectors' client, an app action and a whole flow.
@Suite("Mock server")
struct MockServerTests {
    static let document = """
        openapi: 3.0.3
        info: { title: CRM, version: 1.0.0 }
        servers: [{ url: "https://crm.example/v1" }]
        paths:
          /contacts:
            get:
              operationId: listContacts
              parameters:
                - { name: email, in: query, required: true, schema: { type: string, format: email } }
              responses:
                '200':
                  description: contacts
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items]
                        properties:
                          items: { type: array, minItems: 1, items: { $ref: '#/components/schemas/Contact' } }
            post:
              operationId: createContact
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [email]
                      properties: { email: { type: string, format: email }, name: { type: string } }
              responses:
                '201':
                  description: created
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Contact' }
                      examples:
                        ada: { value: { id: 7, email: ada@example.com, name: Ada } }
          /contacts/{id}:
            get:
              parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
              responses:
                '200':
                  description: one
                  content: { application/json: { schema: { $ref: '#/components/schemas/Contact' } } }
                '404':
                  description: missing
                  content: { application/json: { example: { message: no such contact } } }
        components:
          schemas:
            Contact:
              type: object
              required: [id, email]
              properties:
                id: { type: integer, minimum: 1 }
                email: { type: string, format: email }
                name: { type: string }
                created_at: { type: string, format: date-time }
        """

    static func responder(_ options: MockOptions = MockOptions()) throws -> MockResponder {
        MockResponder(document: try WeftOpenAPI.OpenAPIDocument(text: document, file: "crm.yaml"), options: options)
    }

    /// Records the waits it is asked for, without waiting.
    final class RecordingSleeper: MockSleeper {
        let waits = Mutex<[Duration]>([])
        func sleep(for duration: Duration) async throws { waits.withLock { $0.append(duration) } }
    }

    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:],
        body: String? = nil
    ) async throws -> (status: Int, headers: HTTPFields, json: JSON?) {
        let response = try await client.execute(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        let bytes = Array(response.body.readableBytesView)
        return (response.status.code, response.headers, bytes.isEmpty ? nil : try? JSONParser().parse(bytes))
    }

    @Test("the adapter answers documented operations, 400 with reasons, 404, 405 with Allow, and control headers")
    func adapter() async throws {
        let app = buildMockApplication(responder: try Self.responder())
        try await app.test(.router) { client in
            let listed = try await Self.call(client, .get, "/contacts?email=a%40b.co")
            #expect(listed.status == 200)
            #expect(listed.headers[.contentType] == "application/json")
            #expect((listed.json?["items"]?.arrayValue?.count ?? 0) >= 1)
            let created = try await Self.call(
                client, .post, "/v1/contacts", headers: [.contentType: "application/json"],
                body: #"{"email": "ada@example.com"}"#)
            #expect(created.status == 201 && created.json?["name"] == "Ada")
            let refused = try await Self.call(
                client, .post, "/contacts", headers: [.contentType: "application/json"], body: #"{"email": 4}"#)
            #expect(refused.status == 400)
            #expect(refused.json?["error"]?["reasons"]?[0]?["pointer"] == "/email")
            #expect(try await Self.call(client, .get, "/contacts").json?["error"]?["reasons"]?[0]?["name"] == "email")
            #expect(try await Self.call(client, .get, "/invoices").status == 404)
            let wrong = try await Self.call(client, .delete, "/contacts/3")
            #expect(wrong.status == 405 && wrong.headers[.allow] == "GET")
            let missing = try await Self.call(
                client, .get, "/contacts/3", headers: [HTTPFields.Element.Name("X-Weft-Mock-Status")!: "404"])
            #expect(missing.status == 404 && missing.json == ["message": "no such contact"])
            let named = try await Self.call(
                client, .post, "/contacts",
                headers: [.contentType: "application/json", HTTPFields.Element.Name("Prefer")!: "example=ada"],
                body: #"{"email": "x@example.com"}"#)
            #expect(named.headers[HTTPFields.Element.Name("X-Weft-Mock-Source")!] == "example=ada")
        }
    }

    @Test("latency is waited through the injected sleeper, as drawn by the responder; the same seed draws the same")
    func latency() async throws {
        let options = MockOptions(seed: 3, latency: MockLatency(parsing: "20ms-200ms"))
        let sleeper = RecordingSleeper()
        let responder = try Self.responder(options)
        let app = buildMockApplication(responder: responder, sleeper: sleeper)
        try await app.test(.router) { client in
            for id in 1...5 { _ = try await Self.call(client, .get, "/contacts/\(id)") }
        }
        let waits = sleeper.waits.withLock { $0 }
        #expect(waits.count == 5)
        #expect(waits.allSatisfy { $0 >= .milliseconds(20) && $0 <= .milliseconds(200) })
        let expected = try (1...5).map {
            try Self.responder(options).respond(to: MockRequest(method: "GET", target: "/contacts/\($0)")).delay
        }
        #expect(waits == expected)
    }

    static let app = """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        base_url: "BASE"
        retry: { on: [500, 503], attempts: 8, backoff: exponential, initial: 1s, max: 5s }
        actions:
          find:
            path: /contacts
            query: { email: "{{ email }}" }
            records: items
            output: { type: object, required: [id, email], properties: { id: { type: integer }, email: { type: string } } }
          create:
            method: POST
            path: /contacts
            body: $
            output: { type: object, required: [id] }
          get:
            path: "/contacts/{{ id }}"
        """

    static func manifest(base: String) throws -> AppManifest {
        let (parsed, diagnostics) = WeftDocument.parse(
            app.replacingOccurrences(of: "BASE", with: base), file: "crm.app.yaml")
        guard case .app(let manifest)? = parsed, !diagnostics.hasErrors else {
            throw MockServerFailure("the app does not read: \(diagnostics)")
        }
        return manifest
    }

    /// Runs `body` against a live mock server and an HTTP transport, then stops both.
    static func live<Value: Sendable>(
        _ options: MockOptions = MockOptions(),
        _ body: @Sendable (_ base: String, _ transport: AsyncHTTPTransport) async throws -> Value
    ) async throws -> Value {
        let app = buildMockApplication(responder: try responder(options), port: 0)
        let transport = AsyncHTTPTransport()
        let result: Result<Value, any Error>
        do {
            result = .success(
                try await app.test(.live) { client in
                    try await body("http://127.0.0.1:\(client.port!)/v1", transport)
                })
        } catch {
            result = .failure(error)
        }
        try? await transport.shutdown()
        return try result.get()
    }

    /// Keeps the statuses the app client retried (from its "retrying in" log entries).
    final class RetryJournal: RunJournal {
        let retried = Mutex<[Int]>([])
        func stepStarted(path: String, kind: String, attempt: Int) {}
        func stepFinished(_ record: StepRecord) {}
        func log(_ entry: LogEntry) {
            guard entry.message.contains("retrying in"), case .number(let status)? = entry.fields["status"] else {
                return
            }
            retried.withLock { $0.append(Int(status)) }
        }
        func wouldSend(stepPath: String, request: WeftRuntime.HTTPRequest) {}
    }

    static func context(_ step: String = "call") -> EffectContext {
        EffectContext(
            runId: "run-1", flowId: "flow", stepId: step, stepPath: step, attempt: 1, dryRun: false,
            timeout: .seconds(30), journal: SilentJournal())
    }

    @Test("an app action through WeftConnectors' HTTP client gets schema-valid records from the live mock")
    func appAction() async throws {
        try await Self.live { base, transport in
            let manifest = try Self.manifest(base: base)
            let client = AppClient(
                app: manifest, connection: ConnectionValues(name: "mock", app: "crm", fields: [:]), transport: transport
            )
            let found = try await client.call(
                action: "find", input: ["email": "ada@example.com"], context: Self.context())
            #expect((found.arrayValue?.count ?? 0) >= 1)
            #expect(found[0]?["email"]?.stringValue?.contains("@") == true)
            let created = try await client.call(
                action: "create", input: ["email": "b@example.com"], context: Self.context())
            #expect(created["id"] == 7)
            // The mock refuses what the document refuses; the action reports the mock's reasons.
            do throws(StepFailure) {
                _ = try await client.call(action: "create", input: ["name": "nobody"], context: Self.context())
                Issue.record("an invalid body was accepted")
            } catch {
                #expect(error.message.contains("400"), "\(error.message)")
            }
        }
    }

    @Test("a Weft flow runs against the mock, retrying the failures it injects")
    func flowRun() async throws {
        let flowText = """
            weft: 1
            flow: contact-sync
            steps:
              - id: found
                action: crm/find
                connection: mock
                input: { "email": email }
              - id: created
                action: crm/create
                connection: mock
                input: |
                  { "email": $steps.found[0].email, "name": "Copy of " & $steps.found[0].email }
              - id: result
                map: '{ "found": $count($steps.found), "created": $steps.created.id }'
            """
        let (parsed, diagnostics) = WeftDocument.parse(flowText, file: "contact-sync.flow.yaml")
        guard case .flow(let flow)? = parsed, !diagnostics.hasErrors else {
            throw MockServerFailure("the flow does not read: \(diagnostics)")
        }
        let journal = RetryJournal()
        let record = try await Self.live(MockOptions(seed: 2, errorRate: 0.5)) { base, transport in
            let manifest = try Self.manifest(base: base)
            let clock = ManualClock()
            let actions = LocalActions(
                apps: ["crm": manifest],
                connections: ["mock": ConnectionValues(name: "mock", app: "crm", fields: [:])],
                pool: AppClientPool(transport: transport, clock: clock))
            let engine = FlowEngine(
                flow: flow, effects: LocalEffects(actions: actions, transport: transport),
                converter: StandardConverter(), clock: clock, journal: journal)
            let (message, trigger) = TriggerEvent.message(for: flow.trigger, payload: ["email": "ada@example.com"])
            return await engine.run(RunRequest(runId: "run-1", message: message, trigger: trigger))
        }
        #expect(record.state == .succeeded, "\(record.error?.message ?? "")")
        let retried = journal.retried.withLock { $0 }
        #expect(!retried.isEmpty && retried.allSatisfy { [500, 503].contains($0) }, "retried: \(retried)")
        #expect(record.output?["created"] == 7)
        #expect((record.output?["found"]?.numberValue ?? 0) >= 1)
    }
}

struct MockServerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
