import ArgumentParser

/// `weft map`: field mappings between two schemas.
struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Field mappings between two schemas: suggested with a confidence and the reasons.",
        subcommands: [MapSuggestCommand.self]
    )
}
