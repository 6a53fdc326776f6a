import Testing

@testable import WeftModel

/// Reading snippets of YAML in unit tests.
enum Snippet {
    /// The located value of `yaml`, which must be valid YAML.
    static func located(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Located {
        let (value, diagnostics) = YAMLLoader.load(yaml, file: "snippet.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
        return value ?? Located(.null, at: WeftModel.SourceLocation(file: "snippet.yaml", line: 1, column: 1))
    }

    /// Reads `yaml` with `spec`, returning the value and the diagnostics.
    static func read<Value>(_ spec: Spec<Value>, _ yaml: String) -> (value: Value?, diagnostics: [Diagnostic]) {
        let (root, loadDiagnostics) = YAMLLoader.load(yaml, file: "snippet.yaml")
        guard let root else { return (nil, loadDiagnostics) }
        var reader = SpecReader()
        let value = spec.read(root, &reader)
        return (value, loadDiagnostics + reader.diagnostics)
    }

    /// Parses a flow, returning it and every diagnostic (reading only).
    static func flow(_ yaml: String) -> (flow: Flow?, diagnostics: [Diagnostic]) {
        let (document, diagnostics) = WeftDocument.parse(yaml, file: "flow.yaml")
        if case .flow(let flow)? = document { return (flow, diagnostics) }
        return (nil, diagnostics)
    }

    /// Parses an app manifest, returning it and every diagnostic.
    static func app(_ yaml: String) -> (app: AppManifest?, diagnostics: [Diagnostic]) {
        let (document, diagnostics) = WeftDocument.parse(yaml, file: "app.yaml")
        if case .app(let app)? = document { return (app, diagnostics) }
        return (nil, diagnostics)
    }
}
