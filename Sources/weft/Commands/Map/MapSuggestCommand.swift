import ArgumentParser
import WeftMapping

/// `weft map suggest SOURCE TARGET`: which source field fills which target field, how sure and why.
struct MapSuggestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Suggest how the fields of SOURCE fill the fields of TARGET.",
        discussion: """
            SOURCE and TARGET are each one of:
              FILE#POINTER          an OpenAPI or Swagger document and a JSON Pointer to a schema, or to a
                                    Swagger 2.0 parameter list (openapi.yaml#/components/schemas/Order)
              APP.yaml#ACTION.input or APP.yaml#ACTION.output
                                    an action's input or output schema in a Weft app manifest
              FILE                  a JSON Schema file (JSON or YAML)

            Suggestions with a confidence of 0.80 or more are applied automatically; from 0.30 to 0.80 they are \
            proposed for review; weaker matches are dropped. At most one suggestion per target field.
            """
    )

    /// How suggestions are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, yaml, table
    }

    @Argument(help: "Where the data comes from: FILE#POINTER, APP.yaml#ACTION.input|output or a schema file.")
    var source: String

    @Argument(help: "Where the data goes: FILE#POINTER, APP.yaml#ACTION.input|output or a schema file.")
    var target: String

    @Option(help: "Output format: json, yaml or table.")
    var format = Format.table

    @Option(help: "List the source's fields down to this level (0: top-level fields only).")
    var sourceDepth: Int?

    @Option(help: "List the target's fields down to this level (0: top-level fields only).")
    var targetDepth: Int?

    func run() async throws {
        let sourceFields = try SchemaLocation(parsing: source).fields(maxDepth: sourceDepth)
        let targetFields = try SchemaLocation(parsing: target).fields(maxDepth: targetDepth)
        let suggester: any MappingSuggester = DeterministicSuggester()
        let report = MappingReport(try await suggester.suggest(from: sourceFields, to: targetFields))
        switch format {
        case .json: print(report.jsonText, terminator: "")
        case .yaml: print(report.yamlText, terminator: "")
        case .table: print(report.table, terminator: "")
        }
    }
}
