import Foundation
import Testing

@testable import WeftModel

/// Each file of `Fixtures/broken/` holds one mistake a user makes, and states on its first line the diagnostic
/// it must produce: `# expect: LINE:COLUMN CODE [text in the message or hint]`.
@Suite("Broken files report the expected diagnostic")
struct BrokenCorpusTests {
    /// The diagnostic a broken file announces on its first line.
    struct Expectation: CustomStringConvertible {
        var line: Int
        var column: Int
        var code: String
        var text: String

        var description: String { "\(line):\(column) \(code)" + (text.isEmpty ? "" : " containing \"\(text)\"") }

        func matches(_ diagnostic: Diagnostic) -> Bool {
            diagnostic.code == code && diagnostic.location.line == line && diagnostic.location.column == column
                && (text.isEmpty || diagnostic.message.contains(text) || (diagnostic.hint ?? "").contains(text))
        }
    }

    /// Fixtures where the engine reports the right problem at a place other than where a person would look.
    /// Each turns into a failure once fixed, so that the entry is removed.
    static let knownIssues: [String: String] = [:]

    static let files = Fixtures.files(in: "broken")

    /// Reads the `# expect:` line of a fixture.
    static func expectation(in path: String) throws -> Expectation {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let prefix = "# expect: "
        guard firstLine.hasPrefix(prefix) else { throw ExpectationError(path: path, problem: "no `# expect:` line") }
        let words = firstLine.dropFirst(prefix.count).split(separator: " ", maxSplits: 2)
        let position = words.first?.split(separator: ":").compactMap { Int($0) } ?? []
        guard words.count >= 2, position.count == 2 else {
            throw ExpectationError(path: path, problem: "expected `# expect: LINE:COLUMN CODE [TEXT]`")
        }
        return Expectation(
            line: position[0], column: position[1], code: String(words[1]),
            text: words.count > 2 ? String(words[2]) : "")
    }

    struct ExpectationError: Error, CustomStringConvertible {
        var path: String
        var problem: String
        var description: String { "\(path): \(problem)" }
    }

    @Test("the broken file reports its expected diagnostic", arguments: files)
    func reportsExpectedDiagnostic(file: String) throws {
        let path = Fixtures.path("broken", file)
        let expected = try Self.expectation(in: path)
        let diagnostics = Fixtures.diagnostics(forFileAt: path)
        let listing = Fixtures.listing(diagnostics)

        #expect(diagnostics.hasErrors, "\(file) should have errors, got:\n\(listing)")
        #expect(diagnostics.allSatisfy { $0.location.file == path }, "diagnostics name another file:\n\(listing)")
        #expect(
            diagnostics.contains { $0.code == expected.code }, "\(file): no `\(expected.code)` at all, got:\n\(listing)"
        )

        let found = diagnostics.contains(where: expected.matches)
        if let issue = Self.knownIssues[file] {
            withKnownIssue(Comment(rawValue: issue)) {
                #expect(found, "\(file): expected \(expected), got:\n\(listing)")
            }
        } else {
            #expect(found, "\(file): expected \(expected), got:\n\(listing)")
        }
    }

    @Test("the corpus is large and every known issue names a fixture")
    func corpusShape() throws {
        #expect(Self.files.count >= 40)
        for file in Self.knownIssues.keys {
            #expect(Self.files.contains(file), "known issue for a missing fixture \(file)")
        }
        let codes = try Set(Self.files.map { try Self.expectation(in: Fixtures.path("broken", $0)).code })
        for code in [
            "yaml-syntax", "duplicate-key", "wrong-type", "unknown-key", "missing-key", "missing-kind",
            "conflicting-kinds", "invalid-value", "invalid-duration", "expression-syntax", "template-syntax",
            "unknown-step", "step-not-yet-run", "step-output-not-kept", "duplicate-step", "misplaced-key",
            "unknown-connection",
            "connection-app-mismatch", "unknown-app", "unknown-action", "unreachable-step", "unsupported-version",
            "invalid-merge",
        ] {
            #expect(codes.contains(code), "no broken fixture expects `\(code)`")
        }
    }

    @Test("the apps the corpus uses are themselves valid", arguments: Fixtures.files(in: "apps"))
    func fixtureAppsAreValid(file: String) {
        let diagnostics = Fixtures.diagnostics(forFileAt: Fixtures.path("apps", file))
        #expect(diagnostics.isEmpty, "\(file):\n\(Fixtures.listing(diagnostics))")
    }
}
