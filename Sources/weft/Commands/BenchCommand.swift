import ArgumentParser
import Foundation

/// `weft bench ...`: performance measurements (run a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Weft's performance (use a release build).",
        subcommands: [BenchJSONCommand.self, BenchOpenAPICommand.self, BenchAPICommand.self, SinkCommand.self]
    )
}

/// `weft bench json FILE`: WeftJSON against Foundation on one document.
struct BenchJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Parse and serialise a JSON document with WeftJSON, JSONSerialization and JSONDecoder."
    )

    @Argument(help: "The JSON document.")
    var file: String

    @Option(help: "How many timed runs of each.")
    var iterations = 200

    func run() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        print(JSONBenchmark.run(data: [UInt8](data), iterations: iterations))
    }
}
