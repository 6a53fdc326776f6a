import ArgumentParser

/// `weft openapi`: work with OpenAPI and Swagger documents.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Turn OpenAPI 3.0/3.1 and Swagger 2.0 documents into app manifests.",
        subcommands: [OpenAPIImportCommand.self]
    )
}
