import Foundation
import Testing

@testable import WeftModel

/// Helpers for the documentation tests: flows from YAML text, the `Fixtures/docs` folder, and a tag checker.
enum DocsSupport {
    /// `Tests/WeftModelTests/Fixtures/docs`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent("docs")

    /// Parses `yaml` as a flow, recording an issue for any error.
    static func flow(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Flow {
        let (document, diagnostics) = WeftDocument.parse(yaml, file: "flow.yaml")
        #expect(!diagnostics.hasErrors, "\(diagnostics)", sourceLocation: sourceLocation)
        guard case .flow(let flow)? = document else {
            throw DocsSupportError(message: "not a flow: \(diagnostics)")
        }
        return flow
    }

    /// Parses `yaml` as an app manifest.
    static func app(_ yaml: String) throws -> AppManifest {
        let (document, diagnostics) = WeftDocument.parse(yaml, file: "app.yaml")
        guard case .app(let app)? = document else { throw DocsSupportError(message: "not an app: \(diagnostics)") }
        return app
    }

    /// A flow made of `steps` (YAML lines indented by two spaces) with a manual trigger.
    static func flow(steps: String) throws -> Flow {
        try flow("weft: 1\nflow: sample\nsteps:\n" + steps)
    }

    /// The rows of the mapping table of step `id`.
    static func rows(_ documentation: FlowDocumentation, step id: String) -> [FieldMapping] {
        documentation.mappingTables.first { $0.step == id }?.rows ?? []
    }

    /// The first unbalanced tag in an XML-ish text (`<a>` closed by `</a>`, `<b/>` self-closed), or nil when every
    /// tag is closed in order. Comments, declarations and `<!DOCTYPE>` are skipped.
    static func unbalancedTag(in text: String) -> String? {
        var stack: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return "unterminated tag" }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") || tag.hasPrefix("?") { continue }
            if tag.hasSuffix("/") { continue }
            let name = tag.drop { $0 == "/" }.prefix { !$0.isWhitespace }
            if ["meta", "br", "hr", "img", "link", "input"].contains(String(name)) { continue }
            if tag.hasPrefix("/") {
                guard stack.last == String(name) else { return "</\(name)> closes <\(stack.last ?? "nothing")>" }
                stack.removeLast()
            } else {
                stack.append(String(name))
            }
        }
        return stack.isEmpty ? nil : "<\(stack.last!)> is not closed"
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}

/// A failure to build a test input.
struct DocsSupportError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
