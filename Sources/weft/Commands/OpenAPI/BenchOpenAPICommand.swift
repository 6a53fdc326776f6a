import ArgumentParser
import Foundation
import WeftModel
import WeftOpenAPI

/// `weft bench openapi SPEC...`: how long importing OpenAPI documents takes.
struct BenchOpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Time `weft openapi import` on documents: reading, importing and writing the YAML.",
        discussion: """
            Each document is imported once to warm up, then `--iterations` times; the table shows the median and \
            the fastest run of each phase in milliseconds. `read` loads and parses the file (JSON, or YAML through \
            Yams), `import` builds the manifest, `yaml` writes its text; `total` is the three together, what \
            `weft openapi import` spends before printing. Use a release build.
            """
    )

    @Argument(help: "OpenAPI or Swagger documents.")
    var specs: [String]

    @Option(help: "How many timed runs of each document.")
    var iterations = 5

    func run() throws {
        let clock = ContinuousClock()
        print(Self.row(["document", "size", "operations", "read", "import", "yaml", "total (median)", "total (min)"]))
        for spec in specs {
            var phases: [[Duration]] = [[], [], [], []]
            var operations = 0
            let size = (try? FileManager.default.attributesOfItem(atPath: spec)[.size] as? Int) ?? 0
            for run in 0...max(iterations, 1) {
                let start = clock.now
                let document: OpenAPIDocument
                do {
                    document = try OpenAPIDocument.load(path: spec)
                } catch {
                    standardError("error: \(error)")
                    throw ExitCode(2)
                }
                let read = clock.now
                let result = OpenAPIImporter().importApp(from: document)
                let imported = clock.now
                let yaml = result.yaml
                let written = clock.now
                precondition(!yaml.isEmpty)
                operations = result.operationCount
                guard run > 0 else { continue }  // the warm-up run
                phases[0].append(read - start)
                phases[1].append(imported - read)
                phases[2].append(written - imported)
                phases[3].append(written - start)
            }
            let name = (spec as NSString).lastPathComponent
            print(
                Self.row(
                    [
                        name, String(format: "%.1f MB", Double(size) / 1_000_000), "\(operations)",
                        Self.milliseconds(Self.median(phases[0])), Self.milliseconds(Self.median(phases[1])),
                        Self.milliseconds(Self.median(phases[2])), Self.milliseconds(Self.median(phases[3])),
                        Self.milliseconds(phases[3].min() ?? .zero),
                    ]))
        }
    }

    private static func median(_ durations: [Duration]) -> Duration {
        let sorted = durations.sorted()
        return sorted.isEmpty ? .zero : sorted[sorted.count / 2]
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.0f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }

    private static func row(_ cells: [String]) -> String {
        let widths = [36, 8, 10, 8, 8, 8, 15, 12]
        return zip(cells, widths).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined().trimmingCharacters(in: .whitespaces)
    }
}
