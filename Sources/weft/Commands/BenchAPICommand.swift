import ArgumentParser
import Foundation

/// `weft bench api`: the API's CRUD latency with many flows and runs stored.
struct BenchAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Time the API's CRUD operations over HTTP with many flows and runs stored (use a release build).",
        discussion: """
            Starts the server on a new SQLite database in --data (a temporary folder by default, removed after), \
            stores --flows flows and --runs runs, then times --requests calls of each operation from \
            --concurrency clients and prints the percentiles as a Markdown table.
            """
    )

    @Option(help: "How many flows to store.")
    var flows = 10_000

    @Option(help: "How many runs to store.")
    var runs = 100_000

    @Option(help: "Timed calls per operation.")
    var requests = 2_000

    @Option(help: "Concurrent clients.")
    var concurrency = 4

    @Option(help: "Where to put the database (kept); a temporary folder, removed after, by default.")
    var data: String?

    func run() async throws {
        let directory =
            data
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("weft-bench-\(UUID().uuidString)").path
        defer { if data == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let benchmark = APIBenchmark(
            flows: max(flows, 1), runs: max(runs, 0), requests: max(requests, 1), concurrency: max(concurrency, 1),
            directory: directory)
        print(try await benchmark.run())
    }
}
