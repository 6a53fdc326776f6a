import ArgumentParser

/// `weft app`: scaffold, check and try app manifests (connectors).
struct AppCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Scaffold, validate and try app manifests (connectors).",
        subcommands: [AppNewCommand.self, AppValidateCommand.self, AppTestCommand.self]
    )
}
