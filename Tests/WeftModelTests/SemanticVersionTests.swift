import Testing

@testable import WeftModel

@Suite("Semantic versions")
struct SemanticVersionTests {
    @Test(
        "valid versions",
        arguments: [
            ("1.2.3", 1, 2, 3, nil), ("0.0.0", 0, 0, 0, nil), ("10.20.30", 10, 20, 30, nil),
            ("1.0.0-beta.1", 1, 0, 0, "beta.1"), ("1.0.0+build.5", 1, 0, 0, nil),
            ("2.0.0-rc.1+sha.abc", 2, 0, 0, "rc.1"),
            ("1.0.0-x-y", 1, 0, 0, "x-y"),
        ] as [(String, Int, Int, Int, String?)])
    func parses(text: String, major: Int, minor: Int, patch: Int, prerelease: String?) throws {
        let version = try #require(SemanticVersion(text))
        #expect(version.major == major && version.minor == minor && version.patch == patch)
        #expect((version.prerelease.isEmpty ? nil : version.prerelease.joined(separator: ".")) == prerelease)
    }

    @Test(
        "invalid versions",
        arguments: [
            "1.2", "1.2.3.4", "v1.2.3", "1.x.3", "1..3", "a.b.c", "1.2.-3", "1.2.3 ", " 1.2.3", "1.2.3.", "latest",
        ])
    func rejects(text: String) {
        #expect(SemanticVersion(text) == nil, "`\(text)` was accepted")
    }

    @Test("texts that semver forbids are rejected", arguments: ["-1.2.3", "1.2.3-", "01.2.3", "1.02.3"])
    func rejectsSemverViolations(text: String) {
        #expect(SemanticVersion(text) == nil, "`\(text)` was accepted")
    }

    @Test("an empty version is an error, not a crash")
    func emptyVersion() async {
        await #expect(processExitsWith: .success) {
            _ = SemanticVersion("")
            _ = SemanticVersion("+")
        }
        #expect(SemanticVersion("") == nil)
    }

    @Test("the description reads back")
    func description() {
        #expect(SemanticVersion("1.2.3")?.description == "1.2.3")
        #expect(SemanticVersion("1.2.3-beta.1+build")?.description == "1.2.3-beta.1")
    }

    @Test("versions order numerically, and a pre-release comes before its release")
    func ordering() throws {
        let texts = [
            "0.9.0", "0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0", "1.0.1", "1.2.0", "10.0.0",
        ]
        let versions = try texts.map { try #require(SemanticVersion($0)) }
        #expect(versions.shuffled().sorted() == versions)
        #expect(SemanticVersion("1.0.0+a") == SemanticVersion("1.0.0+b"))
    }

    @Test("numeric pre-release identifiers order numerically")
    func numericPrerelease() throws {
        let two = try #require(SemanticVersion("1.0.0-beta.2"))
        let eleven = try #require(SemanticVersion("1.0.0-beta.11"))
        #expect(two < eleven)
    }

    @Test("an app's version must be a semantic version")
    func appVersion() {
        let app = { (version: String) in
            Snippet.app("weft: 1\napp: a\nname: A\nversion: \(version)\nbase_url: https://a.example\nactions: {}\n")
        }
        #expect(app("1.2.3").app?.version == "1.2.3")
        #expect(app("1.2.3").diagnostics.isEmpty)
        #expect(app("1.2").diagnostics.map(\.code) == ["invalid-value"])
        #expect(app("1.2").diagnostics.first?.hint?.contains("1.0.0") == true)
        #expect(app("\"1.2\"").diagnostics.map(\.code) == ["invalid-value"])
        #expect(app("\"1.2\"").diagnostics.first?.hint?.contains("MAJOR.MINOR.PATCH") == true)
    }
}
