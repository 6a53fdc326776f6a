import ArgumentParser
import WeftModel

/// `weft schema flow|app`: prints the JSON Schema of a file format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the flow or app format (for editors and CI).",
        discussion: """
            Editors that use yaml-language-server pick it up from a first line such as:
              # yaml-language-server: $schema=https://weft.dev/schemas/flow.schema.json
            or a local copy: `# yaml-language-server: $schema=../schemas/flow.schema.json`.
            """
    )

    /// Which format.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case flow, app
    }

    @Argument(help: "flow or app")
    var kind: Kind

    func run() {
        switch kind {
        case .flow: print(Flow.jsonSchema.serialized(indent: 2))
        case .app: print(AppManifest.jsonSchema.serialized(indent: 2))
        }
    }
}
