import Foundation

/// A Weft file: a flow or an app manifest.
public enum WeftDocument: Sendable {
    case flow(Flow)
    case app(AppManifest)

    /// Reads a file from disk. Unreadable files give a diagnostic too (`readable` is false).
    public static func load(path: String) -> (document: WeftDocument?, diagnostics: [Diagnostic], readable: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (
                nil,
                [
                    Diagnostic(
                        code: "unreadable", message: "cannot read the file",
                        location: SourceLocation(file: path, line: 1, column: 1))
                ], false
            )
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (
                nil,
                [
                    Diagnostic(
                        code: "unreadable", message: "the file is not UTF-8 text",
                        location: SourceLocation(file: path, line: 1, column: 1))
                ], false
            )
        }
        let (document, diagnostics) = parse(text, file: path)
        return (document, diagnostics, true)
    }

    /// Reads a flow or app from text: the top-level `flow:` or `app:` key decides which.
    public static func parse(_ text: String, file: String) -> (document: WeftDocument?, diagnostics: [Diagnostic]) {
        let (root, yamlDiagnostics) = YAMLLoader.load(text, file: file)
        guard let root else { return (nil, yamlDiagnostics) }
        var reader = SpecReader()
        reader.append(contentsOf: yamlDiagnostics)
        let document: WeftDocument?
        if root["flow"] != nil {
            document = Flow.spec.read(root, &reader).map { flow in
                var flow = flow
                flow.file = file
                return .flow(flow)
            }
        } else if root["app"] != nil {
            document = AppManifest.spec.read(root, &reader).map { app in
                var app = app
                app.file = file
                return .app(app)
            }
        } else {
            reader.error(
                "unknown-document", "not a Weft file: expected a top-level `flow:` or `app:` key", at: root.location,
                hint: "a flow starts with `weft: 1` and `flow: <name>`; an app with `weft: 1` and `app: <name>`")
            document = nil
        }
        return (document, reader.diagnostics)
    }
}
