import Testing
import WeftJSON
import WeftModel

@Suite("YAMLWriter layout")
struct YAMLWriterLayoutTests {
    static func roundTrip(_ value: JSON) -> JSON? {
        let text = YAMLWriter().string(from: value)
        let (located, diagnostics) = YAMLLoader.load(text, file: "round-trip.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)\n\(text)")
        return located?.json
    }

    @Test("block style, flow for short leaves, stable order")
    func layout() {
        let value: JSON = [
            "weft": 1, "app": "demo",
            "actions": [
                "list": [
                    "method": "GET", "path": "/items/{{ id }}", "query": ["a": "{{ a }}"],
                    "input": ["type": "object", "required": ["id"]],
                ]
            ],
            "tags": [["name": "a", "nested": ["deep": [1, 2]]], "plain"],
        ]
        #expect(
            YAMLWriter().string(from: value, comments: ["made by a test"]) == """
                # made by a test
                weft: 1
                app: demo
                actions:
                  list:
                    method: GET
                    path: /items/{{ id }}
                    query: { a: "{{ a }}" }
                    input: { type: object, required: [id] }
                tags:
                  - name: a
                    nested: { deep: [1, 2] }
                  - plain

                """)
    }

    @Test(
        "strings that would read as something else are quoted",
        arguments: [
            "yes", "No", "null", "~", "true", "1.0", "1.0.0", "0x1F", "-1", "", " padded", "trailing ", "a: b",
            "a #b", "#comment", "- item", "[list]", "{map}", "{{ template }}", "@odata.nextLink", "*alias", "&anchor",
            "!tag", "%directive", "|", ">", "'quoted'", "\"quoted\"", "tab\there", "new\nline", "2023-08-16", ".inf",
            "ends with colon:", "?question", "`code` first", "emoji 🎉", "nbsp\u{A0}here", "bell\u{7}",
        ])
    func quoting(text: String) {
        #expect(
            Self.roundTrip(["k": .string(text), "list": [.string(text)], .init(text.isEmpty ? "e" : text): 1]) == [
                "k": .string(text), "list": [.string(text)], .init(text.isEmpty ? "e" : text): 1,
            ])
    }

    @Test("multi-line text is a literal block that keeps its line breaks")
    func literalBlocks() {
        for text in [
            "two\nlines", "ends with newline\n", "two trailing\n\n", "indented\n  second\n\nafter blank",
            "x:\n# not a comment",
        ] {
            let value: JSON = ["description": .string(text), "items": [.string(text)]]
            #expect(Self.roundTrip(value) == value, "\(text)")
        }
        #expect(YAMLWriter().string(from: ["d": "a\nb"]) == "d: |-\n  a\n  b\n")
    }

    @Test("numbers, Booleans, null and empty collections")
    func scalars() {
        let value: JSON = [
            "int": 42, "negative": -7, "fraction": 0.25, "big": 1e21, "flag": false, "nothing": nil, "object": [:],
            "array": [], "nested": ["empty": [:], "list": [[], [:]]],
        ]
        #expect(Self.roundTrip(value) == value)
    }
}
