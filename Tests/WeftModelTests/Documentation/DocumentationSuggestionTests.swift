import Testing

@testable import WeftModel

/// A step's `suggestions:` record what a generator proposed; documentation marks a field suggested and accepted
/// only while its expression is still the proposed one.
@Suite("Documentation: origins recorded in a step's suggestions")
struct DocumentationSuggestionTests {
    static let flow = """
        weft: 1
        flow: generated
        steps:
          - id: create
            action: erp/create_order
            input:
              memo: note
              tranDate: $substring(created_at, 0, 10)
              otherRefNum: name
              entity: { id: $string(customer.id) }
              item:
                items: |
                  line_items[].{
                    "quantity": quantity,
                    "rate": $number(price)
                  }
            suggestions:
              memo: { expression: note, confidence: 0.99 }
              tranDate: { expression: created_at, confidence: 0.58 }
              entity.id: { expression: "$string(customer.id)", confidence: 0.45 }
              item.items[].quantity: { expression: quantity, confidence: 0.81 }
              item.items[].rate: { expression: "$number( price )", confidence: 0.46 }
        """

    @Test("unchanged expressions are suggested and accepted; changed ones and unrecorded ones are written by hand")
    func origins() throws {
        let rows = DocsSupport.rows(FlowDocumentation(flow: try DocsSupport.flow(Self.flow)), step: "create")
        let origins = Dictionary(uniqueKeysWithValues: rows.map { ($0.target.replacing("[]", with: ""), $0.origin) })
        #expect(origins["memo"] == "suggested (0.99) and accepted")
        #expect(origins["tranDate"] == "written by hand", "the expression changed since it was suggested")
        #expect(origins["otherRefNum"] == "written by hand", "no suggestion was recorded")
        #expect(origins["entity.id"] == "suggested (0.45) and accepted", "a review suggestion taken as it was")
        #expect(origins["item.items.quantity"] == "suggested (0.81) and accepted")
        #expect(origins["item.items.rate"] == "suggested (0.46) and accepted", "spacing does not count")
    }

    @Test("the Markdown table shows the origin in words")
    func markdown() throws {
        let markdown = FlowDocumentation(flow: try DocsSupport.flow(Self.flow)).markdown()
        #expect(markdown.contains("| `memo` | `note` | copied | suggested (0.99) and accepted |"))
        #expect(markdown.contains("(`$substring(created_at, 0, 10)`) | written by hand |"))
    }

    @Test("origins given to the documentation win over the step's record")
    func explicitOrigins() throws {
        let documentation = FlowDocumentation(
            flow: try DocsSupport.flow(Self.flow), origins: ["create/memo": "reviewed by finance"])
        let rows = DocsSupport.rows(documentation, step: "create")
        #expect(rows.first { $0.target == "memo" }?.origin == "reviewed by finance")
    }

    @Test("a confidence outside 0...1 is an error where it is written; a record without an expression too")
    func invalidRecords() {
        let (_, diagnostics) = WeftDocument.parse(
            """
            weft: 1
            flow: bad
            steps:
              - id: shape
                map: '{ "a": b }'
                suggestions:
                  a: { expression: b, confidence: 1.5 }
                  c: { confidence: 0.5 }
            """, file: "bad.flow.yaml")
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.contains { $0.message.contains("between 0 and 1") && $0.location.line == 7 })
        #expect(errors.contains { $0.location.line == 8 && $0.message.contains("expression") })
    }

    @Test("`path[].{ ... }` maps each element of a list, even where nothing else shows the path to be a list")
    func keptList() throws {
        let rows = DocsSupport.rows(FlowDocumentation(flow: try DocsSupport.flow(Self.flow)), step: "create")
        let quantity = try #require(rows.first { $0.target == "item.items[].quantity" })
        #expect(quantity.sources == ["line_items[].quantity"])
        #expect(quantity.transformation == "copied")
        #expect(rows.first { $0.target == "item.items[].rate" }?.sources == ["line_items[].price"])
    }

    @Test("confidences are shown with two decimals")
    func wording() {
        #expect(FieldMapping.suggested(confidence: 0.9) == "suggested (0.90) and accepted")
        #expect(FieldMapping.suggested(confidence: 0.05) == "suggested (0.05) and accepted")
        #expect(FieldMapping.suggested(confidence: 1) == "suggested (1.00) and accepted")
    }
}
