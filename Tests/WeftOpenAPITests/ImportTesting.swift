import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

/// Imports a document given as text and checks that the manifest passes `weft validate`.
func importDocument(_ text: String, options: OpenAPIImporter.Options = .init()) throws -> OpenAPIImport {
    let document = try OpenAPIDocument(text: text, file: "test.yaml")
    let result = OpenAPIImporter(options: options).importApp(from: document)
    let (parsed, diagnostics) = WeftDocument.parse(result.yaml, file: "imported.app.yaml")
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(
        errors.isEmpty,
        "the imported manifest does not validate:\n\(errors.map(\.description).joined(separator: "\n"))\n\(result.yaml)"
    )
    if case .app? = parsed {} else { Issue.record("the imported manifest is not an app") }
    return result
}

/// The loaded app of an import.
func app(_ result: OpenAPIImport) throws -> AppManifest {
    guard case .app(let app)? = WeftDocument.parse(result.yaml, file: "imported.app.yaml").document else {
        throw ImportTestFailure(message: "not an app")
    }
    return app
}

struct ImportTestFailure: Error {
    let message: String
}

extension OpenAPIImport {
    /// The manifest value of action `name`.
    func action(_ name: String) -> JSON? { manifest["actions"]?[name] }

    /// The diagnostic codes, in order.
    var codes: [String] { diagnostics.map(\.code) }
}

/// A minimal OpenAPI 3.0 document around `paths` (YAML, indented by two spaces under `paths:`), with `extra`
/// top-level YAML appended.
func openAPI(paths: String, extra: String = "") -> String {
    """
    openapi: 3.0.3
    info: { title: Test API, version: 1.2.3 }
    servers: [{ url: "https://api.example.com/v1" }]
    paths:
    \(paths)
    \(extra)
    """
}
