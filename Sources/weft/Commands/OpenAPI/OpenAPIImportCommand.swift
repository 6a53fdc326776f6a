import ArgumentParser
import Foundation
import WeftModel
import WeftOpenAPI

/// `weft openapi import SPEC`: an app manifest with one action per operation of an OpenAPI document.
struct OpenAPIImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write an app manifest (YAML) for an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML).",
        discussion: """
            Every operation becomes an action; parameters and the request body its input schema, the success \
            response its output schema; security schemes the auth block, servers the base URL, and paging is \
            recognised where the document shows it. What had to be guessed or left out is printed to standard \
            error as warnings. Exit status: 0 when written, 1 when the manifest does not validate, 2 when the \
            document cannot be read.
            """
    )

    @Argument(help: "The OpenAPI or Swagger document (.json, .yaml).")
    var spec: String

    @Option(name: .shortAndLong, help: "The manifest file to write (standard output by default).")
    var out: String?

    @Option(help: "The app's name (`app:`); by default made from the document's title.")
    var app: String?

    @Option(
        help: ArgumentHelp(
            "Only operations with one of these tags (comma-separated, repeatable).", valueName: "tags"))
    var includeTags: [String] = []

    func run() throws {
        let document: OpenAPIDocument
        do {
            document = try OpenAPIDocument.load(path: spec)
        } catch {
            standardError("error: \(error)")
            throw ExitCode(2)
        }
        let tags = includeTags.flatMap { $0.split(separator: ",") }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        let result = OpenAPIImporter(options: .init(appName: app, includeTags: tags)).importApp(from: document)
        for diagnostic in result.diagnostics {
            standardError("\(spec): \(diagnostic.severity.rawValue): \(diagnostic.message)")
            if let hint = diagnostic.hint { standardError("  hint: \(hint)") }
        }
        let yaml = result.yaml
        // The manifest is checked as `weft validate` checks it, so what is written can be used as it is.
        let file = out ?? "\(result.manifest["app"]?.stringValue ?? "imported").app.yaml"
        let problems = WeftDocument.parse(yaml, file: file).diagnostics.filter { $0.severity == .error }
        if let out {
            do {
                try yaml.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                standardError("error: cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(2)
            }
        } else {
            FileHandle.standardOutput.write(Data(yaml.utf8))
        }
        let warnings = result.diagnostics.count
        standardError(
            "\(result.actionCount) action\(result.actionCount == 1 ? "" : "s") from \(result.operationCount) "
                + "operation\(result.operationCount == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
                + (out.map { "; wrote \($0)" } ?? ""))
        if !problems.isEmpty {
            for problem in problems { standardError(problem.description) }
            throw ExitCode(1)
        }
    }
}
