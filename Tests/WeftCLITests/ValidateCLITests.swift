import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// `weft validate` and `weft app validate` as a user runs them: exit codes, locations, formats.
@Suite("weft validate")
struct ValidateCLITests {
    @Test("a valid flow exits 0 and says so")
    func validFlow() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("ok.flow.yaml", "weft: 1\nflow: ok\nsteps:\n  - id: a\n    map: '{ \"x\": 1 }'\n")
        let result = try await weft("validate", "ok.flow.yaml", in: workspace)
        #expect(result.status == 0, "\(result)")
        #expect(result.standardOutput.contains("1 file valid"))
    }

    @Test("problems exit 1 with file:line:column, a message and a hint")
    func problems() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "bad.flow.yaml",
            """
            weft: 1
            flow: bad
            steps:
              - id: a
                map: '{ "x": 1 +  }'
              - id: b
                fliter: x > 1

            """)
        let result = try await weft("validate", "bad.flow.yaml", in: workspace)
        #expect(result.status == 1, "\(result)")
        #expect(result.standardOutput.contains("bad.flow.yaml:5:"), "\(result)")
        #expect(result.standardOutput.contains("bad.flow.yaml:7:5"), "\(result)")
        #expect(result.standardOutput.contains("filter"), "a did-you-mean hint: \(result)")
    }

    @Test("JSON output lists each diagnostic with its position")
    func jsonFormat() async throws {
        let workspace = try TemporaryWorkspace()
        try workspace.write("bad.flow.yaml", "weft: 1\nflow: Bad Name\nsteps: []\n")
        let result = try await weft("validate", "--format", "json", "bad.flow.yaml", in: workspace)
        #expect(result.status == 1)
        let document = try JSONParser().parse(result.standardOutput)
        let diagnostics = document["diagnostics"]?.arrayValue ?? []
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0["line"]?.numberValue != nil && $0["code"]?.stringValue != nil })
    }

    @Test("an unreadable file exits 2")
    func unreadable() async throws {
        let workspace = try TemporaryWorkspace()
        let result = try await weft("validate", "missing.yaml", in: workspace)
        #expect(result.status == 2, "\(result)")
    }

    @Test("weft app validate refuses a flow and accepts a scaffolded app")
    func appValidate() async throws {
        let workspace = try TemporaryWorkspace()
        let created = try await weft("app", "new", "crm", in: workspace)
        #expect(created.status == 0, "\(created)")
        #expect(workspace.exists("crm.app.yaml") && workspace.exists("app.schema.json"))
        let valid = try await weft("app", "validate", "crm.app.yaml", in: workspace)
        #expect(valid.status == 0, "\(valid)")
        try workspace.write("f.flow.yaml", "weft: 1\nflow: f\nsteps:\n  - id: a\n    map: $\n")
        let flow = try await weft("app", "validate", "f.flow.yaml", in: workspace)
        #expect(flow.status == 1)
        #expect(flow.standardOutput.contains("not an app manifest"))
        let again = try await weft("app", "new", "crm", in: workspace)
        #expect(again.status == 2, "an existing manifest is not overwritten without --force")
    }
}
