import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

@Suite struct AppClientDryRunTests {
    static let manifest = """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        connection:
          fields:
            account: {}
            api_key: { secret: true }
            signing: { secret: true }
        auth: { type: header, name: X-Api-Key, value: "{{ $connection.api_key }}" }
        base_url: "BASE/{{ $connection.account }}"
        headers: { X-Signed: "sig={{ $connection.signing }}" }
        actions:
          create_contact:
            method: POST
            path: /contacts
            query: { notify: "{{ notify }}", ref: "{{ $connection.signing }}" }
            body: { email: email, note: "'signed ' & $connection.signing" }
          list_contacts:
            path: /contacts
            records: contacts
        """

    static let fields: [String: JSON] = ["account": "acme", "api_key": "KEY-SECRET-1", "signing": "SIGN-SECRET-2"]

    @Test func aWriteIsDescribedNotSent() async throws {
        let journal = RecordingJournal()
        let (output, requests, base) = try await AppTestSupport.withServer(
            { _ in .json(#"{"contacts":[]}"#) },
            run: {
                server, transport in
                let app = try AppTestSupport.app(Self.manifest, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: Self.fields),
                    transport: transport)
                let context = AppTestSupport.context(journal: journal, dryRun: true)
                let output = try await client.call(
                    action: "create_contact", input: ["email": "a@b.c", "notify": ""], context: context)
                // Reads still happen in a dry run.
                _ = try await client.call(action: "list_contacts", input: [:], context: context)
                return (output, server.requests, server.baseURL)
            })
        #expect(requests.map(\.method) == ["GET"])
        let url = "\(base)/acme/contacts?ref=••••"
        #expect(output == ["dry_run": true, "method": "POST", "url": .string(url)])
        #expect(journal.wouldSend.count == 1)
        let sent = try #require(journal.wouldSend.first)
        #expect(sent.method == .POST)
        #expect(sent.url == url)
        #expect(sent.header("X-Api-Key") == "••••")
        #expect(sent.header("X-Signed") == "sig=••••")
        #expect(sent.header("Idempotency-Key") == "run-1:call")
        #expect(sent.header("Content-Type") == "application/json")
        #expect(String(decoding: sent.body ?? [], as: UTF8.self) == #"{"email":"a@b.c","note":"signed ••••"}"#)
        #expect(!journal.allText.contains("SECRET"))
    }

    @Test func oauth2WritesInADryRunFetchNoToken() async throws {
        let journal = RecordingJournal()
        let requests = try await AppTestSupport.withServer(
            { _ in .json(#"{"access_token":"t","expires_in":60}"#) },
            run: {
                server, transport in
                let app = try AppTestSupport.app(
                    """
                    weft: 1
                    app: o
                    name: O
                    version: 1.0.0
                    auth: { type: oauth2_client_credentials, token_url: "BASE/token", client_id: a, client_secret: b }
                    base_url: "BASE"
                    actions:
                      send: { method: DELETE, path: /things/1 }
                    """, base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport)
                _ = try await client.call(
                    action: "send", input: [:], context: AppTestSupport.context(journal: journal, dryRun: true))
                return server.requests
            })
        #expect(requests.isEmpty)
        #expect(journal.wouldSend.first?.header("Authorization") == "••••")
    }
}
