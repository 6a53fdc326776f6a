import Foundation
import WeftJSON
import WeftTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// What the end-to-end tests of `examples/` share: where the examples are, the output and requests they read,
/// and how they wait.
enum ExampleSupport {
    /// `<repository>/examples/<relative>`, absolute.
    static func example(_ relative: String) -> String {
        WeftProcess.repositoryRoot.appendingPathComponent("examples").appendingPathComponent(relative).path
    }

    /// The examples' app manifests.
    static var apps: String { example("apps") }

    /// The text of an example's file.
    static func text(_ relative: String) throws -> String {
        try String(contentsOfFile: example(relative), encoding: .utf8)
    }

    /// An example's JSON file.
    static func json(_ relative: String) throws -> JSON {
        try JSONParser().parse(try text(relative))
    }

    /// `weft run FLOW --apps <examples>/apps --connections CONNECTIONS --log-format json` and `extra`, run in
    /// `workspace` with `environment`, to the end.
    static func run(
        _ flow: String, connections: String, in workspace: TemporaryWorkspace, environment: [String: String],
        _ extra: [String] = [], input: String? = nil
    ) async throws -> CommandResult {
        try await WeftProcess.run(
            ["run", example(flow), "--apps", apps, "--connections", connections, "--log-format", "json"] + extra,
            directory: workspace.root, environment: environment, input: input)
    }

    /// The same, served (`--serve`), in the background.
    static func serve(
        _ flow: String, connections: String, in workspace: TemporaryWorkspace, environment: [String: String],
        _ extra: [String] = []
    ) throws -> WeftProcess {
        try WeftProcess(
            ["run", example(flow), "--apps", apps, "--connections", connections, "--log-format", "json", "--serve"]
                + extra,
            directory: workspace.root, environment: environment)
    }

    /// The `step_finished` events of a JSON run, by step path.
    static func steps(_ result: CommandResult) -> [String: JSON] {
        var steps: [String: JSON] = [:]
        for event in jsonLines(result.standardOutput) where event["event"] == "step_finished" {
            if let path = event["path"]?.stringValue { steps[path] = event }
        }
        return steps
    }

    /// The `run_finished` events printed so far by a served flow.
    static func finishedRuns(_ output: String) -> [JSON] {
        jsonLines(output).filter { $0["event"] == "run_finished" }
    }

    /// A request's body as JSON (`null` when it is not JSON).
    static func body(_ request: RecordedRequest) -> JSON {
        (try? JSONParser().parse(request.bodyText)) ?? .null
    }

    /// A form-encoded body's fields.
    static func form(_ request: RecordedRequest) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in request.bodyText.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    /// `Basic <base64(user:password)>`.
    static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// The port of a `listening on http://127.0.0.1:PORT/...` line.
    static func port(in line: String) -> Int? {
        guard let range = line.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    /// Waits until `condition` holds, looking every 25 ms for up to `limit` (a bound for a loaded machine, not a
    /// performance expectation); returns whether it held.
    static func eventually(_ limit: Duration = .seconds(60), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return condition()
    }

    /// POSTs `body` to `url` with `headers`; the status and the answer as JSON.
    static func post(_ url: String, body: String, headers: [String: String]) async throws -> (Int, JSON?) {
        guard let address = URL(string: url) else { throw ExampleSupportError(message: "not a URL: \(url)") }
        var request = URLRequest(url: address)
        request.httpMethod = "POST"
        request.httpBody = Data(body.utf8)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, try? JSONParser().parse([UInt8](data)))
    }
}

/// A test's own setup went wrong.
struct ExampleSupportError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
