import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// A temporary directory for one test's files, removed when the test is done with it.
final class TemporaryWorkspace: Sendable {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("weft-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `text` to `name` (relative to the workspace) and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}

/// `weft` run in a workspace, as the tests call it.
func weft(
    _ arguments: String..., in workspace: TemporaryWorkspace? = nil, environment: [String: String] = [:],
    input: String? = nil
) async throws -> CommandResult {
    try await WeftProcess.run(arguments, directory: workspace?.root, environment: environment, input: input)
}

/// The JSON objects of `--log-format json` output, one per line; lines that are not JSON are skipped.
func jsonLines(_ text: String) -> [JSON] {
    text.split(separator: "\n").compactMap { try? JSONParser().parse(String($0)) }
}

/// The `run_finished` event of a `--log-format json` run.
func runSummary(_ result: CommandResult) -> JSON? {
    jsonLines(result.standardOutput).last { $0["event"] == "run_finished" }
}

/// Whether the executable is there; tests that need it record why they cannot run.
func requireWeft() throws {
    if WeftProcess.executable == nil { throw WeftProcessError.notBuilt }
}

extension TemporaryWorkspace {
    /// Writes `apps/svc.app.yaml`, the app `svc` whose base URL is its connection's `base_url` (plus `fields`, more
    /// connection fields as YAML lines), with `body` (YAML: `auth`, `retry`, `actions`, ...) after it; and
    /// `connections.yaml` with the connection `svc` on `baseURL` (plus `values`, more `key: value` pairs, and
    /// `extra`, more top-level YAML).
    func writeServiceApp(
        baseURL: String, fields: [String] = [], body: String, values: String = "", extra: String = ""
    ) throws {
        let fieldLines = (["base_url: { type: string }"] + fields).map { "    " + $0 }.joined(separator: "\n")
        try write(
            "apps/svc.app.yaml",
            "weft: 1\napp: svc\nname: Service\nversion: 1.0.0\nconnection:\n  fields:\n\(fieldLines)\n"
                + "base_url: \"{{ $connection.base_url }}\"\n\(body)\n")
        let more = values.isEmpty ? "" : ", " + values
        try write(
            "connections.yaml",
            "connections:\n  svc: { app: svc, values: { base_url: \"\(baseURL)\"\(more) } }\n\(extra)\n")
    }
}
