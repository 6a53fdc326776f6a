import Testing
import WeftJSON
import WeftModel

/// Values that must read back unchanged, however the writer lays them out.
@Suite struct YAMLWriterRoundTripTests {
    private func readBack(_ text: String) throws -> JSON {
        let (value, diagnostics) = YAMLLoader.load(text, file: "written.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))\n\(text)")
        return try #require(value).json
    }

    @Test(arguments: [
        "plain", "two words", "", " leading", "trailing ", "true", "No", "null", "~", "1.0.0", "-3", ".5", "0x1F",
        "key: value", "a #comment", "# heading", "- item", "{{ $connection.token }}", "[list]", "it's", "\"quoted\"",
        "tab\there", "ends with colon:", "@user", "`code`", "%percent", "*alias", "&anchor", "!tag", "|pipe", ">fold",
        "<<", "line one\nline two", "line one\nline two\n", " indented\nsecond", "trailing  \nspaces", "a\n\nb",
        "end\n\n", "carriage\r\nreturn", "bell\u{07}", "ünïcödé ✓", "yes", "Off", "2024-01-01", "12:30",
    ])
    func stringsReadBackUnchanged(_ text: String) throws {
        let value: JSON = ["value": .string(text), "list": [.string(text)]]
        #expect(try readBack(YAMLWriter().string(from: value)) == value)
    }

    @Test func nestedDocumentsReadBackUnchanged() throws {
        let value: JSON = [
            "weft": 1, "app": "crm", "version": "1.2.3", "empty_object": [:], "empty_list": [],
            "actions": [
                "get_contact": [
                    "method": "GET", "path": "/contacts/{{ id }}",
                    "query": ["fields": "id,name", "limit": 10, "ratio": 0.25, "exact": true, "none": .null],
                    "input": ["type": "object", "required": ["id"], "properties": ["id": ["type": "string"]]],
                ]
            ],
            "matrix": [[1, 2], [], [["a": 1, "b": [3]]]],
            "records": [["name": "a", "tags": ["x", "y"]], ["name": "b", "nested": ["deep": ["deeper": "yes"]]]],
            "200": "numeric key", "multi": "first\nsecond\n",
        ]
        let text = YAMLWriter().string(from: value)
        #expect(try readBack(text) == value)
        #expect(text.contains("    method: GET\n"))
    }

    @Test func scalarsAtTheTopLevel() throws {
        for value: JSON in ["text", 42, true, .null, [:], []] {
            #expect(try readBack(YAMLWriter().string(from: value)) == value)
        }
    }
}
