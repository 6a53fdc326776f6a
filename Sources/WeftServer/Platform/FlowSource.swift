import WeftJSON
import WeftModel

/// A flow's YAML as submitted to the API, checked exactly as `weft validate` checks a file: every diagnostic
/// with its line and column, against the organization's apps.
struct FlowSource {
    let text: String
    let flow: Flow?
    let diagnostics: [Diagnostic]

    /// Reads and checks `text`; `name` is the file name the diagnostics mention.
    init(_ text: String, name: String, apps: [String: AppManifest]) {
        self.text = text
        let (document, diagnostics) = WeftDocument.parse(text, file: name)
        var all = diagnostics
        switch document {
        case .flow(let flow)?:
            all += FlowChecker(apps: apps).check(flow)
            self.flow = flow
        case .app?:
            all.append(.notAFlow(file: name, hint: "send apps to the apps endpoint"))
            flow = nil
        case nil:
            flow = nil
        }
        self.diagnostics = all.sorted { $0.location < $1.location }
    }

    /// The diagnostics as the API shows them.
    var diagnosticsJSON: JSON { .array(diagnostics.map(\.json)) }

    /// The flow when it has no errors; otherwise a 422 listing every diagnostic.
    func validFlow() throws -> Flow {
        guard let flow, !diagnostics.hasErrors else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            throw APIError(
                .unprocessableContent, "invalid_flow",
                "the flow has \(errors) error\(errors == 1 ? "" : "s"); see details", details: diagnosticsJSON)
        }
        return flow
    }
}
