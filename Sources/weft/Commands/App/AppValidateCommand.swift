import ArgumentParser
import WeftJSON
import WeftModel

/// `weft app validate FILE...`: every problem of app manifests, with file:line:column.
struct AppValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check app manifests and report every problem with its file:line:column.",
        discussion: "Exit status: 0 when valid, 1 when there are problems, 2 when a file cannot be read."
    )

    @Argument(help: "App manifests (.yaml).")
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format = ValidateCommand.Format.text

    func run() throws {
        var workspace = Workspace.load(files: files, appsDirectory: nil)
        for flow in workspace.flows {
            workspace.diagnostics.append(.notAnApp(file: flow.file, hint: "check flows with `weft validate`"))
        }
        try ValidateCommand.report(workspace, fileCount: files.count, format: format)
    }
}
