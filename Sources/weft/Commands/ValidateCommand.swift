import ArgumentParser
import Foundation
import WeftJSON
import WeftModel

/// `weft validate FILE...`: every problem in flows and app manifests, with file:line:column.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check flow and app files and report every problem with its file:line:column.",
        discussion: "Exit status: 0 when valid, 1 when there are problems, 2 when a file cannot be read."
    )

    /// How diagnostics are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Flow and app files (.yaml). Apps given here are known to the flows given here.")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format = Format.text

    @Option(help: "A directory of app manifests flows may use, besides the built-in apps (same id: the file wins).")
    var apps: String?

    func run() throws {
        try Self.report(Workspace.load(files: files, appsDirectory: apps), fileCount: files.count, format: format)
    }

    /// Prints a workspace's diagnostics and exits as `validate` does: 1 on errors, 2 on unreadable files.
    static func report(_ workspace: Workspace, fileCount: Int, format: Format) throws {
        let diagnostics = workspace.diagnostics.sorted { $0.location < $1.location }
        switch format {
        case .text:
            for diagnostic in diagnostics { print(diagnostic) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.count - errors
            if diagnostics.isEmpty {
                print("\(fileCount) file\(fileCount == 1 ? "" : "s") valid")
            } else {
                print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
            }
        case .json:
            print(JSON.object(["diagnostics": .array(diagnostics.map(\.json))]).serialized(indent: 2))
        }
        if !workspace.unreadable.isEmpty { throw ExitCode(2) }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}
