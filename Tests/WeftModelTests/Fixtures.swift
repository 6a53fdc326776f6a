import Foundation
import Testing

@testable import WeftModel

/// The fixture corpora under `Fixtures/`: broken files, valid files and the apps flows may use.
enum Fixtures {
    /// `Tests/WeftModelTests/Fixtures`.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The `.yaml` files of a folder of the corpus, sorted by name.
    static func files(in folder: String) -> [String] {
        let path = directory.appendingPathComponent(folder).path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// The path of a fixture.
    static func path(_ folder: String, _ name: String) -> String {
        directory.appendingPathComponent(folder).appendingPathComponent(name).path
    }

    /// The app manifests of `Fixtures/apps/` and `Fixtures/valid/`, by id.
    static let apps: [String: AppManifest] = {
        var apps: [String: AppManifest] = [:]
        for folder in ["apps", "valid"] {
            for name in files(in: folder) {
                if case .app(let app)? = WeftDocument.load(path: path(folder, name)).document { apps[app.id] = app }
            }
        }
        return apps
    }()

    /// Everything `weft validate` would say about one file: reading it, then checking it when it is a flow.
    static func diagnostics(forFileAt path: String) -> [Diagnostic] {
        let loaded = WeftDocument.load(path: path)
        var diagnostics = loaded.diagnostics
        if case .flow(let flow)? = loaded.document {
            diagnostics += FlowChecker(apps: apps).check(flow)
        }
        return diagnostics
    }

    /// Diagnostics as `line:column code: message (hint)` lines, for failure messages.
    static func listing(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { diagnostic in
            "\(diagnostic.location.line):\(diagnostic.location.column) \(diagnostic.code): \(diagnostic.message)"
                + (diagnostic.hint.map { " (\($0))" } ?? "")
        }.joined(separator: "\n")
    }
}
