import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// `weft mock` as a user runs it: it prints where it listens, answers a flow run by `weft run` through a real app
/// and connection, logs each request, and stops cleanly on SIGINT.
@Suite("weft mock")
struct MockCLITests {
    static let document = """
        openapi: 3.0.3
        info: { title: Contacts, version: 1.0.0 }
        servers: [{ url: "https://contacts.example/v1" }]
        paths:
          /contacts:
            get:
              parameters: [{ name: email, in: query, required: true, schema: { type: string, format: email } }]
              responses:
                '200':
                  description: found
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [items]
                        properties:
                          items:
                            type: array
                            minItems: 1
                            items:
                              type: object
                              required: [id, email]
                              properties: { id: { type: integer }, email: { type: string, format: email } }
          /contacts/{id}/notes:
            post:
              parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { type: object, required: [text], properties: { text: { type: string } } }
              responses:
                '201':
                  description: noted
                  content: { application/json: { example: { id: 99, text: noted } } }
        """

    @Test("a flow run by weft run gets its answers from weft mock; the mock logs requests and stops on SIGINT")
    func flowAgainstTheMock() async throws {
        try requireWeft()
        let workspace = try TemporaryWorkspace()
        try workspace.write("contacts.yaml", Self.document)
        let mock = try WeftProcess(["mock", "contacts.yaml", "--port", "0", "--seed", "5"], directory: workspace.root)
        let line = await mock.waitForLine(containing: "weft mock is serving")
        let address = line?.split(separator: " ").first { $0.hasPrefix("http://") }.map(String.init)
        try #require(address != nil, "\(mock.standardOutput)\n\(mock.standardError)")
        #expect(line?.contains("2 operations of contacts.yaml") == true && line?.contains("seed 5") == true)

        try workspace.writeServiceApp(
            baseURL: address! + "/v1",
            body: """
                actions:
                  find: { path: /contacts, query: { email: "{{ email }}" }, records: items }
                  note: { method: POST, path: "/contacts/{{ id }}/notes", body: "{ 'text': text }" }
                """)
        try workspace.write(
            "note.flow.yaml",
            """
            weft: 1
            flow: note
            connections: { svc: svc }
            steps:
              - id: contact
                action: svc/find
                connection: svc
                input: |
                  { "email": "ada@example.com" }
              - id: noted
                action: svc/note
                connection: svc
                input: |
                  { "id": $steps.contact[0].id, "text": "called back" }

            """)
        let run = try await weft(
            "run", "note.flow.yaml", "--apps", "apps", "--connections", "connections.yaml", "--log-format", "json",
            in: workspace)
        #expect(run.status == 0, "\(run)")
        #expect(runSummary(run)?["output"] == ["id": 99, "text": "noted"], "\(run)")

        mock.interrupt()
        let result = await mock.wait()
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("GET /v1/contacts → 200 (schema)"), "\(result)")
        #expect(result.standardOutput.contains("POST /v1/contacts/"), "\(result)")
    }

    @Test("bad options and unreadable documents are refused with a message")
    func refusals() async throws {
        try requireWeft()
        let workspace = try TemporaryWorkspace()
        try workspace.write("contacts.yaml", Self.document)
        let latency = try await weft("mock", "contacts.yaml", "--latency", "soon", in: workspace)
        #expect(latency.status != 0 && latency.standardError.contains("--latency"), "\(latency)")
        let rate = try await weft("mock", "contacts.yaml", "--error-rate", "2", in: workspace)
        #expect(rate.status != 0 && rate.standardError.contains("--error-rate"), "\(rate)")
        let missing = try await weft("mock", "nowhere.yaml", in: workspace)
        #expect(missing.status != 0 && missing.standardError.contains("cannot read the file"), "\(missing)")
        try workspace.write("not-openapi.yaml", "title: hello\n")
        let wrong = try await weft("mock", "not-openapi.yaml", in: workspace)
        #expect(wrong.status != 0 && wrong.standardError.contains("not an OpenAPI or Swagger document"), "\(wrong)")
    }
}
