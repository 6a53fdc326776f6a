import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// `weft map suggest` as a user runs it: the places a schema can come from, the formats, the errors.
@Suite("weft map suggest")
struct MapSuggestCLITests {
    static let crmApp = """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        base_url: https://crm.example.com
        actions:
          get_contact:
            method: GET
            path: /contacts/{{ id }}
            output: { $ref: "#/schemas/Contact" }
        schemas:
          Contact:
            type: object
            properties:
              id: { type: string }
              emailAddress: { type: string, format: email }
              mobilePhone: { type: string }
              mailingAddress:
                type: object
                properties:
                  zipCode: { type: string }
                  city: { type: string }

        """

    static let customerSchema = """
        {"title": "Customer", "type": "object", "properties": {
          "e_mail": {"type": "string"}, "mobile_phone_no": {"type": "string"},
          "post_code": {"type": "string"}, "city": {"type": "string"}, "credit_limit": {"type": "number"}}}
        """

    @Test("an app action's output against a JSON Schema file, as JSON")
    func actionToSchemaFile() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("crm.app.yaml", Self.crmApp)
        try workspace.write("customer.schema.json", Self.customerSchema)
        let result = try await weft(
            "map", "suggest", "crm.app.yaml#get_contact.output", "customer.schema.json", "--format", "json",
            in: workspace)
        #expect(result.status == 0, "\(result)")
        let output = try JSONParser().parse(result.standardOutput)
        let suggestions = output["suggestions"]?.arrayValue ?? []
        let pairs = suggestions.compactMap { s in s["source"]?.stringValue.map { ($0, s["target"]?.stringValue ?? "") }
        }
        #expect(pairs.contains { $0 == ("emailAddress", "e_mail") }, "\(result)")
        #expect(pairs.contains { $0 == ("mailingAddress.zipCode", "post_code") }, "\(result)")
        #expect(pairs.map(\.1) == pairs.map(\.1).sorted(), "sorted by target")
        for suggestion in suggestions {
            #expect(suggestion.objectValue?.keys.sorted() == ["confidence", "reasons", "source", "target"])
        }
    }

    @Test("a table for people and YAML for files")
    func tableAndYAML() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("crm.app.yaml", Self.crmApp)
        try workspace.write("customer.schema.json", Self.customerSchema)
        let table = try await weft(
            "map", "suggest", "crm.app.yaml#get_contact.output", "customer.schema.json", in: workspace)
        #expect(table.status == 0, "\(table)")
        #expect(table.standardOutput.hasPrefix("TARGET"), "\(table)")
        #expect(table.standardOutput.contains("applied automatically"), "\(table)")
        let yaml = try await weft(
            "map", "suggest", "crm.app.yaml#get_contact.output", "customer.schema.json", "--format", "yaml",
            in: workspace)
        #expect(yaml.status == 0, "\(yaml)")
        #expect(yaml.standardOutput.hasPrefix("suggestions:\n"), "\(yaml)")
    }

    @Test("a missing action, a bad fragment and an unreadable file each say what and where")
    func errors() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("crm.app.yaml", Self.crmApp)
        try workspace.write("customer.schema.json", Self.customerSchema)
        let missing = try await weft(
            "map", "suggest", "crm.app.yaml#list_contacts.output", "customer.schema.json", in: workspace)
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("crm.app.yaml#list_contacts.output"), "\(missing)")
        #expect(missing.standardError.contains("no action `list_contacts`"), "\(missing)")
        #expect(missing.standardError.contains("get_contact"), "the actions it has: \(missing)")
        let noInput = try await weft(
            "map", "suggest", "crm.app.yaml#get_contact.input", "customer.schema.json", in: workspace)
        #expect(noInput.standardError.contains("has no input schema"), "\(noInput)")
        let fragment = try await weft("map", "suggest", "crm.app.yaml#contacts", "customer.schema.json", in: workspace)
        #expect(fragment.status != 0)
        #expect(fragment.standardError.contains("expected FILE#/json/pointer"), "\(fragment)")
        let unreadable = try await weft("map", "suggest", "nowhere.json", "customer.schema.json", in: workspace)
        #expect(unreadable.status != 0)
        #expect(unreadable.standardError.contains("cannot read the file nowhere.json"), "\(unreadable)")
    }
}
