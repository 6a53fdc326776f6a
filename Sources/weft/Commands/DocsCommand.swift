import ArgumentParser
import Foundation
import WeftModel

/// `weft docs FLOW`: the documentation a customer or an auditor reads, as Markdown or one HTML file.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "Write a flow's documentation: trigger, diagram, steps, field mappings, conditions, retries, tests.",
        discussion: """
            Markdown is stable (the same flow gives the same bytes) and shows the diagram as Mermaid; HTML is one \
            self-contained file with an SVG diagram. App manifests from --apps name the apps and show each \
            action's HTTP method and path. Exit status: 0 on success, 1 when the flow has errors, 2 when a file \
            cannot be read or written.
            """
    )

    /// The output format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @Argument(help: "The flow file (.yaml).")
    var flow: String

    @Option(help: "Output format: markdown or html.")
    var format = Format.markdown

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "A directory of app manifests the flow uses, besides the built-in apps (same id: the file wins).")
    var apps: String?

    func run() throws {
        let workspace = Workspace.load(files: [flow], appsDirectory: apps)
        let diagnostics = workspace.diagnostics.sorted { $0.location < $1.location }
        let document = workspace.flows.first { $0.file == flow }
        guard let document, workspace.unreadable.isEmpty, !diagnostics.hasErrors else {
            for diagnostic in diagnostics { standardError(diagnostic.description) }
            if document == nil && !diagnostics.hasErrors && workspace.unreadable.isEmpty {
                standardError("\(flow): not a flow file")
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            standardError("\(errors) error\(errors == 1 ? "" : "s"); no documentation written")
            throw ExitCode(workspace.unreadable.isEmpty ? 1 : 2)
        }
        for diagnostic in diagnostics { standardError(diagnostic.description) }
        let documentation = FlowDocumentation(flow: document, apps: workspace.apps)
        let text = format == .markdown ? documentation.markdown() : documentation.html()
        if let out {
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                standardError("cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            print(text, terminator: "")
        }
    }
}
