import Testing
import WeftCatalog
import WeftModel

@Suite struct BuiltInCatalogTests {
    @Test func everyShippedManifestReadsWithoutDiagnostics() throws {
        let files = BuiltInCatalog.manifestFiles()
        for file in files {
            let source = try String(contentsOf: file, encoding: .utf8)
            let (document, diagnostics) = WeftDocument.parse(source, file: file.lastPathComponent)
            #expect(diagnostics.isEmpty, "\(file.lastPathComponent): \(diagnostics.map(\.description))")
            guard case .app(let app)? = document else {
                Issue.record("\(file.lastPathComponent) is not an app manifest")
                continue
            }
            #expect(file.lastPathComponent == "\(app.id).app.yaml", "a built-in app's file is named after its id")
            #expect(BuiltInCatalog.entry(app.id)?.manifest.id == app.id)
        }
        #expect(BuiltInCatalog.entries.count == files.count)
    }
}
