import Testing

@testable import WeftModel

/// The diagram: one SVG box per step, well-formed markup, Mermaid text, escaping.
@Suite("Documentation: diagram")
struct DocumentationDiagramTests {
    static let branchy = """
        weft: 1
        flow: branchy
        steps:
          - id: check
            filter: amount > 0
          - id: route
            switch:
              cases:
                - when: country = "FR" and amount < 100
                  steps:
                    - id: small_fr
                      map: '{ "x": amount }'
                - when: country = "DE"
                  steps: []
              else:
                - id: other
                  delay: 1s
          - id: fan
            parallel:
              crm:
                - id: to_crm
                  http: { method: POST, url: "https://crm.test/<contacts>" }
                  on_error: dead_letter
              erp:
                - id: to_erp
                  http: { method: PUT, url: "https://erp.test/a&b" }
          - id: each
            foreach:
              items: lines
              steps:
                - id: line
                  map: '{ "sku": sku }'
                  on_error:
                    steps:
                      - id: note
                        delay: 1s
        """

    @Test("the SVG has one box per step, nested steps included")
    func oneBoxPerStep() throws {
        let documentation = FlowDocumentation(flow: try DocsSupport.flow(Self.branchy))
        let svg = documentation.svg()
        for id in ["check", "route", "small_fr", "other", "fan", "to_crm", "to_erp", "each", "line", "note"] {
            #expect(DocsSupport.count("data-step=\"\(id)\"", in: svg) == 1, "box of \(id)")
        }
        #expect(DocsSupport.count("data-step=", in: svg) == 10)
        #expect(svg.contains("class=\"edge\""))
        #expect(svg.contains("country = &quot;FR&quot; and amount &lt; 100"))
        #expect(svg.contains(">else<"))
        #expect(svg.contains(">crm<") && svg.contains(">erp<"))
        #expect(svg.contains(">dead letter<"))
        #expect(svg.contains("class=\"error\""))
    }

    @Test("the SVG and the HTML page are well-formed: every tag is closed in order")
    func wellFormed() throws {
        let documentation = FlowDocumentation(flow: try DocsSupport.flow(Self.branchy))
        #expect(DocsSupport.unbalancedTag(in: documentation.svg()) == nil)
        #expect(DocsSupport.unbalancedTag(in: documentation.html()) == nil)
        #expect(!documentation.svg().contains("https://erp.test/a&b"))
    }

    @Test("the HTML is self-contained: inline style, no script, nothing loaded from elsewhere")
    func selfContained() throws {
        let html = FlowDocumentation(flow: try DocsSupport.flow(Self.branchy)).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<style>"))
        #expect(html.contains("<svg "))
        #expect(html.contains("<nav class=\"toc\">"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("url(http"))
    }

    @Test("Mermaid: flowchart TD, numbered node ids, labelled case edges, subgraph for foreach, escaped labels")
    func mermaid() throws {
        let mermaid = FlowDocumentation(flow: try DocsSupport.flow(Self.branchy)).mermaid()
        #expect(mermaid.hasPrefix("flowchart TD\n"))
        #expect(mermaid.contains("s1{{\"check<br/>filter\"}}"))
        #expect(mermaid.contains("s2 -->|\"country = #quot;FR#quot; and amount #lt; 100\"| s3"))
        #expect(mermaid.contains("-->|\"else\"|"))
        #expect(mermaid.contains("subgraph s"))
        #expect(mermaid.contains("-.->|\"on error\"|"))
        #expect(mermaid.contains("[/\"dead letter\"/]"))
        #expect(!mermaid.contains("<contacts>"))
    }
}
