import Foundation
import WeftCatalog
import WeftModel

/// The flows and apps given on a command line, read and checked together, with the built-in apps (which an app
/// file or `--apps` folder with the same id replaces).
struct Workspace {
    var flows: [Flow] = []
    var apps: [String: AppManifest] = [:]
    var diagnostics: [Diagnostic] = []
    var unreadable: [String] = []

    static func load(files: [String], appsDirectory: String?) -> Workspace {
        var workspace = Workspace()
        workspace.apps = BuiltInCatalog.entries.mapValues(\.manifest)
        var paths = files
        if let appsDirectory {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: appsDirectory)) ?? []
            paths += entries.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                .map { (appsDirectory as NSString).appendingPathComponent($0) }
        }
        for path in paths {
            let loaded = WeftDocument.load(path: path)
            workspace.diagnostics += loaded.diagnostics
            if !loaded.readable { workspace.unreadable.append(path) }
            switch loaded.document {
            case .flow(let flow)?: workspace.flows.append(flow)
            case .app(let app)?: workspace.apps[app.id] = app
            case nil: break
            }
        }
        let checker = FlowChecker(apps: workspace.apps)
        for flow in workspace.flows { workspace.diagnostics += checker.check(flow) }
        return workspace
    }
}
