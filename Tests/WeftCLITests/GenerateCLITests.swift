import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// `weft generate` end to end: flows written from built-in apps and from `examples/apps`, validated, documented
/// with each field's origin, edited as an engineer would, and run.
@Suite("weft generate")
struct GenerateCLITests {
    static let catalog = WeftProcess.repositoryRoot.appendingPathComponent("Sources/WeftCatalog/Apps").path
    static let examples = WeftProcess.repositoryRoot.appendingPathComponent("examples/apps").path

    /// The line of `text` containing `needle`, uncommented: its first `# ` taken out.
    static func uncomment(_ needle: String, in text: String) throws -> String {
        let line = try #require(text.split(separator: "\n").first { $0.contains(needle) })
        let hash = try #require(line.range(of: "# "))
        return text.replacingOccurrences(of: line, with: line.replacingCharacters(in: hash, with: ""))
    }

    /// The confidence recorded for `target` under the flow's `suggestions:`, as written there (`0.93`).
    static func recorded(_ target: String, in text: String) throws -> String {
        let line = try #require(text.split(separator: "\n").first { $0.hasSuffix("}") && $0.contains(" \(target): {") })
        let confidence = try #require(line.range(of: "confidence: "))
        return String(line[confidence.upperBound...].dropLast(2))
    }

    @Test("Shopify orders to NetSuite sales orders (built-in apps): validated, and documented with origins")
    func builtInApps() async throws {
        try requireWeft()
        let workspace = try TemporaryWorkspace()
        let out = workspace.path("orders.flow.yaml")
        let generated = try await weft(
            "generate", "--source", "shopify#list_orders", "--target", "netsuite#create_sales_order", "--out", out)
        #expect(generated.status == 0, "\(generated)")
        #expect(generated.standardOutput.contains("(flow `orders`): "), "\(generated)")
        #expect(generated.standardOutput.contains(" for review"), "\(generated)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("  poll:\n    action: shopify/list_orders"))
        #expect(text.contains("# tranDate: created_at"))

        let validated = try await weft("validate", out, "--apps", Self.catalog)
        #expect(validated.status == 0, "\(validated)")
        #expect(validated.standardOutput.contains("1 file valid"))

        let docs = try await weft("docs", out, "--apps", Self.catalog)
        #expect(docs.status == 0, "\(docs)")
        let memo = try Self.recorded("memo", in: text)
        #expect(
            docs.standardOutput.contains("| `memo` | `note` | copied | suggested (\(memo)) and accepted |"), "\(docs)")
        let tranDate = try Self.recorded("tranDate", in: text)

        // The engineer accepts `tranDate` from the review list and rewrites `memo`.
        var edited = try Self.uncomment("# tranDate: created_at", in: text)
        edited = edited.replacingOccurrences(of: "memo: note", with: #"memo: '"Shopify: " & note'"#)
        try edited.write(toFile: out, atomically: true, encoding: .utf8)
        let redocumented = try await weft("docs", out, "--apps", Self.catalog)
        #expect(
            redocumented.standardOutput.contains(
                "| `tranDate` | `created_at` | copied | suggested (\(tranDate)) and accepted |"), "\(redocumented)")
        #expect(redocumented.standardOutput.contains("| written by hand |"), "\(redocumented)")
        #expect(!redocumented.standardOutput.contains("| `memo` | `note` | copied | suggested"), "\(redocumented)")
    }

    @Test("an existing file is kept unless --force; unknown apps and actions and missing schemas are named")
    func errors() async throws {
        try requireWeft()
        let workspace = try TemporaryWorkspace()
        let out = try workspace.write("kept.flow.yaml", "# mine\n")
        let kept = try await weft(
            "generate", "--source", "shopify#list_orders", "--target", "netsuite#create_sales_order", "--out", out)
        #expect(kept.status == 2, "\(kept)")
        #expect(kept.standardError.contains("pass --force"), "\(kept)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "# mine\n")

        let fresh = workspace.path("new.flow.yaml")
        let unknownApp = try await weft(
            "generate", "--source", "shopifyy#list_orders", "--target", "netsuite#create_sales_order", "--out", fresh)
        #expect(unknownApp.status == 1, "\(unknownApp)")
        #expect(unknownApp.standardError.contains("--source: unknown app `shopifyy`"), "\(unknownApp)")
        #expect(unknownApp.standardError.contains("shopify"), "the built-in apps: \(unknownApp)")

        let unknownAction = try await weft(
            "generate", "--source", "shopify#list_order", "--target", "netsuite#create_sales_order", "--out", fresh)
        #expect(unknownAction.status == 1, "\(unknownAction)")
        #expect(
            unknownAction.standardError.contains(
                "the app `shopify` has no action `list_order`; its actions: list_orders"),
            "\(unknownAction)")

        let noOutput = try await weft(
            "generate", "--source", "salesforce#find_user", "--target", "netsuite#create_customer", "--apps",
            Self.examples, "--out", fresh)
        #expect(noOutput.status == 1, "\(noOutput)")
        #expect(
            noOutput.standardError.contains("the action `salesforce#find_user` has no output schema"), "\(noOutput)")

        let badForm = try await weft(
            "generate", "--source", "shopify", "--target", "netsuite#create_customer", "--out", fresh)
        #expect(badForm.status == 1, "\(badForm)")
        #expect(badForm.standardError.contains("expected APP#ACTION"), "\(badForm)")
        #expect(!workspace.exists("new.flow.yaml"))
    }

    @Test("legacy CRM contacts to Salesforce (examples/apps, manual): a review suggestion accepted, then a run")
    func examplePairRuns() async throws {
        try requireWeft()
        let contact = """
            {"id": 10417, "salutation": "Dr.", "first_name": "Ada", "last_name": "Lovelace", \
            "email": "ada@example.com", "phone": "+44 20 7946 0000", "mobile": "+44 7700 900000", \
            "status": "active", "newsletter": "Y", "updated_at": "2026-03-01 09:30:00"}
            """
        let server = try await TestHTTPServer.start { request in
            request.path.hasSuffix("/contacts") ? .json(#"{"data": [\#(contact)]}"#) : .text("not here", status: 404)
        }
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        let out = workspace.path("contacts.flow.yaml")
        let generated = try await weft(
            "generate", "--source", "\(Self.examples)/legacy-crm.app.yaml#list_contacts", "--target",
            "salesforce#upsert_contact", "--apps", Self.examples, "--trigger", "manual", "--out", out)
        #expect(generated.status == 0, "\(generated)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("(required) from id"), "\(text)")
        let legacyId = try Self.recorded("legacy_id", in: text)

        // `legacy_id` is required and only proposed for review: the engineer accepts it.
        try Self.uncomment("# legacy_id: $string(id)", in: text).write(toFile: out, atomically: true, encoding: .utf8)
        let validated = try await weft("validate", out, "--apps", Self.examples)
        #expect(validated.status == 0, "\(validated)")
        let docs = try await weft("docs", out, "--apps", Self.examples)
        #expect(docs.status == 0, "\(docs)")
        #expect(
            docs.standardOutput.contains(
                "| `legacy_id` | `id` | as text (`$string(id)`) | suggested (\(legacyId)) and accepted |"),
            "\(docs)")
        let email = try Self.recorded("fields.Email", in: text)
        #expect(
            docs.standardOutput.contains("| `fields.Email` | `email` | copied | suggested (\(email)) and accepted |"),
            "\(docs)")

        try workspace.write(
            "connections.yaml",
            """
            connections:
              legacy-crm: { app: legacy-crm, values: { base_url: "\(server.baseURL)/api", username: svc, password: pw } }
              salesforce: { app: salesforce, values: { instance_url: "\(server.baseURL)/sf", client_id: id, client_secret: secret } }
            """)
        try workspace.write("input.json", "{}")
        let run = try await weft(
            "run", out, "--apps", Self.examples, "--connections", workspace.path("connections.yaml"), "--input",
            workspace.path("input.json"), "--dry-run", "--log-format", "json")
        #expect(run.status == 0, "\(run)")
        #expect(runSummary(run)?["state"] == "succeeded", "\(run)")
        #expect(server.requests.map(\.method) == ["GET"], "only the read reaches the server in a dry run")
        let wouldSend = jsonLines(run.standardOutput).filter { $0["event"] == "dry_run" }
        #expect(wouldSend.count == 1, "\(run)")
        #expect(wouldSend.first?["method"] == "PATCH")
        #expect(
            wouldSend.first?["url"]?.stringValue?.hasSuffix("/sobjects/Contact/Legacy_Id__c/10417") == true, "\(run)")
        #expect(wouldSend.first?["body"]?["LastName"] == "Lovelace", "\(run)")
        #expect(wouldSend.first?["body"]?["MobilePhone"] == "+44 7700 900000", "\(run)")
    }

    @Test("webhook: the generated flow passes validate and its docs name the trigger")
    func webhook() async throws {
        try requireWeft()
        let workspace = try TemporaryWorkspace()
        let out = workspace.path("hook.flow.yaml")
        let generated = try await weft(
            "generate", "--source", "legacy-crm#list_contacts", "--target", "salesforce#upsert_contact", "--apps",
            Self.examples, "--trigger", "webhook", "--out", out)
        #expect(generated.status == 0, "\(generated)")
        let validated = try await weft("validate", out, "--apps", Self.examples)
        #expect(validated.status == 0, "\(validated)")
        let docs = try await weft("docs", out, "--apps", Self.examples)
        #expect(docs.standardOutput.contains("**Trigger:** webhook"), "\(docs)")
    }
}
