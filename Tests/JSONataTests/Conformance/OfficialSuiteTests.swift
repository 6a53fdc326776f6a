import Foundation
import JSONataSuite
import Testing

/// Runs the official JSONata test suite from `../shared/data/jsonata-suite` in place.
@Suite("JSONata conformance")
struct OfficialSuiteTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let suiteDirectory = packageRoot.appendingPathComponent("../shared/data/jsonata-suite").standardizedFileURL
    static let suiteIsPresent = FileManager.default.fileExists(
        atPath: suiteDirectory.appendingPathComponent("groups").path)

    /// The committed list of cases known to fail, by name, with the reason.
    static func knownFailures() throws -> [String: String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "known-failures.txt")
        var failures: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(separator: " ", maxSplits: 1)
            failures[String(parts[0])] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        }
        return failures
    }

    @Test(
        "every case passes except the listed known failures",
        .enabled(if: suiteIsPresent, "../shared/data/jsonata-suite is missing: the conformance suite is skipped")
    )
    func officialSuite() throws {
        let runner = SuiteRunner(directory: Self.suiteDirectory)
        let cases = try runner.loadCases()
        #expect(cases.count > 1000, "the suite should hold more than 1000 cases")
        let known = try Self.knownFailures()
        #expect(known.values.allSatisfy { !$0.isEmpty }, "every known failure needs a reason")

        var passed = 0
        var unexpected: [String] = []
        var nowPassing: [String] = []
        for suiteCase in cases {
            let outcome = runner.run(suiteCase)
            if outcome.passed {
                passed += 1
                if known[suiteCase.name] != nil { nowPassing.append(suiteCase.name) }
            } else if known[suiteCase.name] == nil {
                unexpected.append(
                    "\(suiteCase.name): \(suiteCase.expression)\n  expected \(outcome.expected)\n  actual   \(outcome.actual)"
                )
            }
        }
        let ratio = Double(passed) / Double(cases.count)
        print("JSONata conformance: \(passed) of \(cases.count) cases pass (\(String(format: "%.2f", ratio * 100))%)")
        #expect(ratio >= 0.98)
        #expect(
            unexpected.isEmpty,
            "cases failing that are not in known-failures.txt:\n\(unexpected.joined(separator: "\n"))")
        #expect(nowPassing.isEmpty, "listed as known failures but passing now; remove them: \(nowPassing)")
    }
}
