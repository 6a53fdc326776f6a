import Foundation
import Testing

@testable import WeftModel

/// The generated documentation committed next to each example flow (`examples/<name>/<name>.md` and `.html`)
/// is what `weft docs` writes today. After a change to the generator or to an example, regenerate the files with
/// `WEFT_UPDATE_DOCS=1 swift test --filter ExampleDocsTests` and review the diff before committing.
@Suite("Documentation: committed example docs")
struct ExampleDocsTests {
    static let update = ProcessInfo.processInfo.environment["WEFT_UPDATE_DOCS"] == "1"

    /// The repository's root: this file is `Tests/WeftModelTests/Documentation/ExampleDocsTests.swift`. Symbolic
    /// links are resolved first, so a scratch package whose test folder links into the repository finds it too.
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `examples/**/*.flow.yaml`, relative to the root (`examples/hello/hello.flow.yaml`), sorted.
    static let flows: [String] = {
        let examples = root.appendingPathComponent("examples")
        guard let walker = FileManager.default.enumerator(atPath: examples.path) else { return [] }
        var paths: [String] = []
        while let path = walker.nextObject() as? String {
            if path.hasSuffix(".flow.yaml") { paths.append("examples/" + path) }
        }
        return paths.sorted()
    }()

    /// The app manifests of `examples/apps` and the built-in ones of `Sources/WeftCatalog/Apps`, read as
    /// `weft docs --apps <directory>` reads them.
    static func apps() throws -> [String: AppManifest] {
        var apps: [String: AppManifest] = [:]
        for directory in ["examples/apps", "Sources/WeftCatalog/Apps"] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: root.appendingPathComponent(directory).path)
            for name in names.filter({ $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }).sorted() {
                let (document, diagnostics) = try read(directory + "/" + name)
                #expect(!diagnostics.hasErrors, "\(name): \(diagnostics)")
                if case .app(let app)? = document { apps[app.id] = app }
            }
        }
        return apps
    }

    /// Reads a file given relative to the root under its relative name, as the CLI does when it is run from the
    /// root (`weft docs examples/x/x.flow.yaml`), so that anything naming the file names it the same way.
    static func read(_ path: String) throws -> (document: WeftDocument?, diagnostics: [Diagnostic]) {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return WeftDocument.parse(text, file: path)
    }

    @Test("the examples are found")
    func examplesFound() {
        #expect(!Self.flows.isEmpty, "no examples/**/*.flow.yaml under \(Self.root.path)")
    }

    @Test(
        "each example's committed Markdown and HTML docs are what `weft docs` generates (WEFT_UPDATE_DOCS=1 rewrites them)",
        arguments: flows)
    func committedDocs(flowPath: String) throws {
        let (document, diagnostics) = try Self.read(flowPath)
        let apps = try Self.apps()
        guard case .flow(let flow)? = document else {
            Issue.record("\(flowPath) is not a flow: \(diagnostics)")
            return
        }
        let problems = (diagnostics + FlowChecker(apps: apps).check(flow)).filter { $0.severity == .error }
        #expect(problems.isEmpty, "weft docs refuses a flow with errors: \(problems)")
        let documentation = FlowDocumentation(flow: flow, apps: apps)
        let directory = (flowPath as NSString).deletingLastPathComponent
        let name = String((flowPath as NSString).lastPathComponent.dropLast(".flow.yaml".count))
        for (format, generated) in [("md", documentation.markdown()), ("html", documentation.html())] {
            let path = "\(directory)/\(name).\(format)"
            let url = Self.root.appendingPathComponent(path)
            if Self.update {
                try generated.write(to: url, atomically: true, encoding: .utf8)
                print("ExampleDocsTests: wrote \(path)")
                continue
            }
            guard let committed = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("\(path) is missing; WEFT_UPDATE_DOCS=1 swift test --filter ExampleDocsTests writes it")
                continue
            }
            let difference = Self.firstDifference(generated, committed)
            #expect(
                difference == nil,
                "\(path) is stale; regenerate it with WEFT_UPDATE_DOCS=1 swift test --filter ExampleDocsTests (or weft docs \(flowPath) --apps examples/apps\(format == "html" ? " --format html" : "") --out \(path)) and review the diff; \(difference ?? "")"
            )
        }
    }

    /// The first line where two texts differ, for a short failure message; nil when they are the same.
    static func firstDifference(_ generated: String, _ committed: String) -> String? {
        guard generated != committed else { return nil }
        let new = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let old = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(new.count, old.count)).first { new[$0] != old[$0] } ?? min(new.count, old.count)
        let generatedLine = line < new.count ? String(new[line].prefix(200)) : "(end of file)"
        let committedLine = line < old.count ? String(old[line].prefix(200)) : "(end of file)"
        return "first difference at line \(line + 1): generated \"\(generatedLine)\", committed \"\(committedLine)\""
    }
}
