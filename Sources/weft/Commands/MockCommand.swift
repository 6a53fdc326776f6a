import ArgumentParser
import Foundation
import Hummingbird
import Logging
import WeftModel
import WeftOpenAPI
import WeftServer

/// `weft mock`: a mock server for any OpenAPI (3.0, 3.1) or Swagger 2.0 document.
struct MockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock",
        abstract: "Serve every operation of an OpenAPI document as a mock API.",
        discussion: """
            Answers come from the document's examples, or are generated from its schemas (the same seed and the \
            same request give the same body). Requests are checked against the document: 400 lists every problem, \
            404 answers an unknown path, 405 a documented path with another method. Paths are also served under \
            the base path of the document's server URL.

            Per request: `X-Weft-Mock-Status: 404` answers the documented response of that status; \
            `Prefer: example=NAME` answers a named example. Each answer says where its body came from in \
            `X-Weft-Mock-Source`. The server stops gracefully on Ctrl-C or SIGTERM.
            """
    )

    @Argument(help: "The OpenAPI or Swagger document (JSON or YAML).")
    var spec: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 4010

    @Option(help: "The seed of generated bodies, injected failures and latencies.")
    var seed: UInt64 = 1

    @Option(help: "Wait before each answer: a duration (50ms) or a range (20ms-200ms).")
    var latency: String?

    @Option(help: "The share of valid requests answered 500 or 503 on purpose, from 0 to 1.")
    var errorRate = 0.0

    @Flag(help: "Do not print a line per request.")
    var quiet = false

    func validate() throws {
        if let latency, MockLatency(parsing: latency) == nil {
            throw ValidationError("--latency: expected a duration such as 50ms or a range such as 20ms-200ms")
        }
        guard (0...1).contains(errorRate) else { throw ValidationError("--error-rate: expected a number from 0 to 1") }
    }

    func run() async throws {
        let document: WeftOpenAPI.OpenAPIDocument
        do {
            document = try WeftOpenAPI.OpenAPIDocument.load(path: spec)
        } catch {
            throw ValidationError(error.description)
        }
        let options = MockOptions(
            seed: seed, latency: latency.flatMap(MockLatency.init(parsing:)), errorRate: errorRate)
        let responder = MockResponder(document: document, options: options)
        var logger = Logger(label: "weft-mock")
        logger.logLevel = .warning
        let (host, spec, quiet) = (host, spec, quiet)
        var settings = ["seed \(seed)"]
        if let latency = options.latency { settings.append("latency \(latency)") }
        if errorRate > 0 { settings.append("error rate \(errorRate)") }
        let summary = settings.joined(separator: ", ")
        let application = buildMockApplication(
            responder: responder, host: host, port: port, logger: logger,
            onListening: { port in
                printLine(
                    "weft mock is serving \(responder.operations.count) operations of \(spec) on http://\(host):\(port) "
                        + "(\(summary))")
            },
            onAnswer: { request, response in
                guard !quiet else { return }
                let source = response.header(MockResponder.sourceHeader).map { " (\($0))" } ?? ""
                printLine("\(request.method) \(request.path) → \(response.status)\(source)")
            })
        try await application.runService()
    }
}
