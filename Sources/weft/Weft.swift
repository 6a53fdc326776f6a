import ArgumentParser

/// The `weft` command line: a thin shell over the libraries.
@main
struct Weft: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weft",
        abstract: "Weft, the integration platform: connectors and flows as YAML, JSONata for data.",
        subcommands: [
            ValidateCommand.self, RunCommand.self, TestCommand.self, DocsCommand.self, AppCommand.self,
            ServeCommand.self, WorkerCommand.self, KeysCommand.self, SchemaCommand.self,
            JSONataCommand.self, MapCommand.self, GenerateCommand.self,
            MockCommand.self,
            BenchCommand.self,
            OpenAPICommand.self,
        ]
    )
}
