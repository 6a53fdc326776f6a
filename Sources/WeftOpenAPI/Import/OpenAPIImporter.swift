import WeftJSON
import WeftModel

/// Turns an OpenAPI 3.0 / 3.1 or Swagger 2.0 document into a Weft app manifest.
///
/// Every operation becomes one action, named from its `operationId` in snake_case (or from its method and path),
/// with its parameters and request body as the input schema and its success response as the output schema.
/// Security schemes become the auth block, servers the base URL, and paging is recognised where the document
/// shows it. Everything guessed or skipped is reported in ``OpenAPIImport/diagnostics``.
///
/// ```swift
/// let document = try OpenAPIDocument.load(path: "petstore.yaml")
/// let result = OpenAPIImporter(options: .init(appName: "petstore")).importApp(from: document)
/// print(result.yaml)
/// ```
public struct OpenAPIImporter: Sendable {
    /// What to import and how to name it.
    public struct Options: Sendable {
        /// The app's name (`app:`); by default made from the document's title.
        public var appName: String?
        /// Only operations with at least one of these tags (compared without case); all when empty.
        public var includeTags: [String]

        /// Creates options.
        public init(appName: String? = nil, includeTags: [String] = []) {
            self.appName = appName
            self.includeTags = includeTags
        }
    }

    /// The import's options.
    public var options: Options

    /// Creates an importer.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The HTTP methods of path items, in the order OpenAPI lists them.
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Imports `document`.
    public func importApp(from document: OpenAPIDocument) -> OpenAPIImport {
        var state = ImportState(document: document)
        let operations = state.operations(includeTags: options.includeTags)

        var manifest = JSONObject()
        manifest["weft"] = 1
        manifest["app"] = .string(state.appName(options.appName))
        manifest["name"] = .string(document.root["info"]?["title"]?.stringValue ?? "Imported API")
        manifest["version"] = .string(state.appVersion())
        if let description = document.root["info"]?["description"]?.stringValue, !description.isEmpty {
            manifest["description"] = .string(description)
        }
        if let docs = document.root["externalDocs"]?["url"]?.stringValue {
            manifest["docs_url"] = .string(docs)
        }

        let baseURL = state.baseURL()
        let auth = state.auth(operations: operations)
        var actions = JSONObject()
        var taken: Set<String> = []
        for operation in operations {
            guard let action = state.action(for: operation, auth: auth, taken: &taken) else { continue }
            actions[action.name] = action.value
        }
        state.reportWebhooks()

        let test = state.connectionTest(actions)
        if !state.connectionFields.isEmpty || test != nil {
            var connection: JSONObject = ["fields": .object(state.connectionFields)]
            if let test { connection["test"] = ["action": .string(test)] }
            manifest["connection"] = .object(connection)
        }
        manifest["auth"] = auth.block
        manifest["base_url"] = .string(baseURL)
        manifest["actions"] = .object(actions)
        let schemas = state.schemas.finish()
        if !schemas.isEmpty { manifest["schemas"] = .object(schemas) }
        for reference in state.schemas.unresolved {
            state.diagnostics.add(
                "unresolved-reference", "`\(reference)` cannot be resolved in the document; it accepts anything",
                at: "")
        }

        let title = document.root["info"]?["title"]?.stringValue ?? "an API"
        let version = document.root["info"]?["version"].map { $0.stringValue ?? $0.serialized() } ?? "?"
        let specification = document.root["openapi"]?.stringValue.map { "OpenAPI \($0)" } ?? "Swagger 2.0"
        let source = document.file.split(separator: "/").last.map(String.init) ?? "a document"
        return OpenAPIImport(
            manifest: .object(manifest), diagnostics: state.diagnostics.diagnostics(file: document.file),
            operationCount: operations.count,
            comments: [
                "Imported by `weft openapi import` from \(source) (\(specification), \(title) \(version)).",
                "Review the auth block, base_url and the guesses reported when importing.",
            ])
    }
}
