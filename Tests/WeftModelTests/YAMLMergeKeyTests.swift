import Testing
import WeftJSON

@testable import WeftModel

/// YAML 1.1 merge keys (`<<: *base`, `<<: [*a, *b]`), which Yams leaves to the loader.
@Suite("YAML merge keys")
struct YAMLMergeKeyTests {
    @Test("`<<: *anchor` merges the anchored mapping; keys written in the mapping win, wherever the `<<` is")
    func mergeOne() throws {
        let root = Snippet.located(
            """
            base: &base { a: 1, b: 2, c: 3 }
            before: { b: 20, <<: *base }
            after:
              <<: *base
              c: 30
            """)
        #expect(root["before"]?.json == ["b": 20, "a": 1, "c": 3])
        #expect(root["after"]?.json == ["a": 1, "b": 2, "c": 30])
        #expect(root["after"]?.members.map(\.key) == ["a", "b", "c"])
        // Merged values keep the place they are written, and record the `<<` that brought them.
        let merged = try #require(root["after"]?.members.first { $0.key == "a" })
        #expect([merged.keyLocation.line, merged.keyLocation.column] == [1, 15])
        #expect([merged.value.location.line, merged.value.location.column] == [1, 18])
        #expect(merged.mergedBy.map { [$0.line, $0.column] } == [4, 3])
        #expect(root["after"]?.members.first { $0.key == "c" }?.mergedBy == nil)
    }

    @Test("`<<: [*a, *b]` merges several mappings; the earlier wins, and the mapping's own keys win over all")
    func mergeList() {
        let root = Snippet.located(
            """
            a: &a { x: a, y: a }
            b: &b { y: b, z: b, w: b }
            m: { <<: [*a, *b], w: m }
            """)
        #expect(root["m"]?.json == ["x": "a", "y": "a", "z": "b", "w": "m"])
    }

    @Test("merged mappings may merge in turn; an inline mapping can be merged too")
    func nested() {
        let root = Snippet.located(
            """
            base: &base { a: 1 }
            more: &more { <<: *base, b: 2 }
            m: { <<: *more, c: 3 }
            inline: { <<: { d: 4 }, e: 5 }
            """)
        #expect(root["m"]?.json == ["a": 1, "b": 2, "c": 3])
        #expect(root["inline"]?.json == ["d": 4, "e": 5])
    }

    @Test("a quoted `<<` is an ordinary key")
    func quotedKey() {
        let root = Snippet.located(
            """
            base: &base { a: 1 }
            m: { "<<": *base, b: 2 }
            """)
        #expect(root["m"]?.json == ["<<": ["a": 1], "b": 2])
    }

    @Test(
        "merging anything but mappings is an error at the `<<`",
        arguments: [
            ("m: { <<: 5, a: 1 }", "this is a number"),
            ("s: &s [1]\nm: { <<: *s }", "the list holds a number"),
            ("a: &a { x: 1 }\nm: { <<: [*a, 3] }", "the list holds a number"),
        ])
    func invalid(yaml: String, problem: String) throws {
        let (value, diagnostics) = YAMLLoader.load(yaml + "\n", file: "t.yaml")
        #expect(diagnostics.map(\.code) == ["invalid-merge"])
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.message.hasSuffix(problem), "\(diagnostic.message)")
        #expect(diagnostic.location.line == yaml.split(separator: "\n").count)
        #expect(diagnostic.location.column == 6)
        #expect(value?["m"]?["<<"] == nil)
    }

    @Test("a flow can share settings between steps with a merge key, and what is merged is checked")
    func inFlow() throws {
        let (flow, diagnostics) = Snippet.flow(
            """
            weft: 1
            flow: f
            steps:
              - id: first
                http: { url: "https://a.test" }
                retry: &retry { attempts: 3, backoff: fixed, initial: 2s }
              - id: second
                http: { url: "https://b.test" }
                retry: { <<: *retry, attempts: 5 }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let retry = try #require(flow?.steps.last?.retry)
        #expect(retry.attempts == 5)
        #expect(retry.backoff == .fixed)
        #expect(retry.initial == .seconds(2))

        let (_, problems) = Snippet.flow(
            """
            weft: 1
            flow: f
            steps:
              - id: first
                http: { url: "https://a.test" }
                on_error: &handler { steps: [{ id: note, map: $ }], tries: 2 }
              - id: second
                http: { url: "https://b.test" }
                retry: { <<: *handler }
            """)
        let unknown = problems.filter { $0.code == "unknown-key" && $0.message.contains("`tries`") }
        #expect(unknown.count == 2, "\(problems)")
        #expect(unknown.allSatisfy { [$0.location.line, $0.location.column] == [6, 57] })
        #expect(unknown.contains { $0.hint?.contains("merged here by the `<<` at 9:14") == true })
    }
}
