import Foundation
import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

/// Imports every document of `../shared/data/openapi` and checks the manifests.
@Suite("Importing the shared OpenAPI documents")
struct CorpusImportTests {
    /// The operation counts `SOURCES.md` lists, by file name.
    static func operationCounts() throws -> [(file: String, operations: Int)] {
        let sources = try String(contentsOfFile: SharedData.path("SOURCES.md"), encoding: .utf8)
        var counts: [(String, Int)] = []
        var file: String?
        for line in sources.split(separator: "\n") {
            if line.hasPrefix("## ") { file = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
            if let file, let range = line.range(of: "operations ") {
                let digits = line[range.upperBound...].prefix { $0.isNumber }
                if let count = Int(digits) { counts.append((file, count)) }
            }
        }
        return counts
    }

    @Test(
        "every document imports with one action per operation, validates and round-trips through YAML",
        .enabled(if: SharedData.isPresent, SharedData.skipMessage))
    func corpus() throws {
        var counts = try Self.operationCounts()
        #expect(counts.count >= 8, "SOURCES.md should list the operation counts")
        // The OpenAPI 3.1 webhook example has no paths and lists no count.
        counts.append(("webhook-example-3.1.yaml", 0))
        for (file, operations) in counts {
            let document = try OpenAPIDocument.load(path: SharedData.path(file))
            let result = OpenAPIImporter().importApp(from: document)
            #expect(result.operationCount == operations, "\(file)")
            #expect(result.actionCount == operations, "\(file)")
            #expect(result.diagnostics.allSatisfy { $0.severity == .warning }, "\(file)")
            let yaml = result.yaml
            let (parsed, diagnostics) = WeftDocument.parse(yaml, file: file + ".app.yaml")
            let errors = diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(file): \(errors.prefix(5).map(\.description))")
            guard case .app(let app)? = parsed else {
                Issue.record("\(file) did not import as an app")
                continue
            }
            #expect(app.actions.count == operations, "\(file)")
            let (located, _) = YAMLLoader.load(yaml, file: file)
            #expect(located?.json == result.manifest, "\(file): the YAML does not read back as the manifest")
            for (name, action) in app.actions {
                for schema in [action.input, action.output].compactMap({ $0 }) {
                    let validator = JSONSchemaValidator(schema: schema, definitions: .object(app.schemas))
                    #expect(
                        validator.unresolvedReferences.isEmpty, "\(file) \(name): \(validator.unresolvedReferences)")
                }
            }
        }
    }

    @Test(
        "the Slack documents, Swagger 2.0 and converted OpenAPI 3.0, import to the same actions",
        .enabled(if: SharedData.isPresent, SharedData.skipMessage))
    func slackBothWays() throws {
        let swagger = OpenAPIImporter().importApp(
            from: try OpenAPIDocument.load(path: SharedData.path("slack-web-api.swagger2.json")))
        let converted = OpenAPIImporter().importApp(
            from: try OpenAPIDocument.load(path: SharedData.path("slack-web-api.oas3-converted.json")))
        let names = { (result: OpenAPIImport) in result.manifest["actions"]?.objectValue?.keys.sorted() ?? [] }
        #expect(names(swagger) == names(converted))
        #expect(swagger.manifest["base_url"] == "{{ $connection.base_url }}")
        #expect(swagger.manifest["connection"]?["fields"]?["base_url"]?["default"] == "https://slack.com/api")
        #expect(swagger.action("chat_post_message")?["body"]?["channel"] == "channel")
    }
}
