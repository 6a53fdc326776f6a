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

    static let recovering = """
        weft: 1
        flow: recovering
        steps:
          - id: call
            http: { method: POST, url: "https://api.test/x" }
            on_error:
              steps:
                - id: note
                  map: '{ "failed": error.message }'
                - id: park
                  delay: 1s
          - id: after
            map: $
        """

    @Test(
        "an error handler recovers its step: the diagrams lead on from the handler to the next step, not to a failure")
    func recoveringHandler() throws {
        let documentation = FlowDocumentation(flow: try DocsSupport.flow(Self.recovering))
        let mermaid = documentation.mermaid()
        #expect(!mermaid.contains("run failed"))
        #expect(mermaid.contains("s1 -.->|\"on error\"| s2"))
        #expect(mermaid.contains("s2 --> s3"))
        // The next step follows both the step itself and the handler's last step.
        #expect(mermaid.contains("s1 --> s4"))
        #expect(mermaid.contains("s3 --> s4"))
        #expect(mermaid.contains("s4 --> done"))
        let svg = documentation.svg()
        #expect(!svg.contains("run failed"))
        #expect(svg.contains(">recovered<"))
        #expect(DocsSupport.unbalancedTag(in: svg) == nil)
        let markdown = documentation.markdown()
        #expect(!markdown.contains("ends as failed"))
        #expect(
            markdown.contains(
                "on failure the steps `note` and `park` run in its place, with the error as the message; the step is "
                    + "then recovered, with the handler's output as its output, and the run goes on after it"))
        #expect(markdown.contains("| 1. `call` | none | run `note` and `park`, then continue | none |"))
    }

    @Test("a handler of one step is named in the singular")
    func singleHandler() {
        var step = Step()
        step.id = "note"
        #expect(FlowDocumentation.describe(.steps([step])).hasPrefix("on failure the step note runs in its place"))
    }
}
