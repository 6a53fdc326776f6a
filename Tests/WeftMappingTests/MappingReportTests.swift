import Testing
import WeftJSON

@testable import WeftMapping

@Suite struct MappingReportTests {
    static let report = MappingReport([
        MappingSuggestion(source: "zip", target: "postalCode", confidence: 0.93, reasons: ["names mean the same"]),
        MappingSuggestion(source: "line_items[].name", target: "lines[].description", confidence: 0.6, reasons: []),
    ])

    @Test func printsTheAgreedJSONShape() throws {
        let parsed = try JSONParser().parse(Self.report.jsonText)
        #expect(
            parsed
                == [
                    "suggestions": [
                        [
                            "source": "line_items[].name", "target": "lines[].description", "confidence": 0.6,
                            "reasons": [],
                        ],
                        [
                            "source": "zip", "target": "postalCode", "confidence": 0.93,
                            "reasons": ["names mean the same"],
                        ],
                    ]
                ])
    }

    @Test func printsAnAlignedTable() {
        let lines = Self.report.table.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("TARGET               SOURCE             CONFIDENCE  STATUS  REASONS"))
        #expect(lines[1].hasPrefix("lines[].description  line_items[].name  0.60        review"))
        #expect(lines[2].hasPrefix("postalCode           zip                0.93        auto    names mean the same"))
        #expect(lines[3] == "2 suggestions: 1 applied automatically (confidence ≥ 0.80), 1 for review")
    }

    @Test func printsYAML() {
        #expect(Self.report.yamlText.hasPrefix("suggestions:\n  - source: line_items[].name\n"))
    }
}
