import Foundation
import Testing

@testable import WeftModel

/// Whole documents: sections in order, secrets masked, stable output, and the committed golden files.
@Suite("Documentation: documents")
struct DocumentationOutputTests {
    static let secrets = """
        weft: 1
        flow: secrets
        steps:
          - id: call
            http:
              method: POST
              url: "https://api.test/v1/items?api_key=abc123&page=2"
              headers:
                Authorization: "Bearer sk_live_123"
                X-Api-Key: "{{ $vars.key }}"
                X-Shop-Token: literal-token
                Accept: application/json
              query: { client_secret: s3cr3t, limit: "10" }
              body: { password: "'hunter2'", user: name }
        """

    @Test("header, query and body values named like secrets are masked")
    func secretsMasked() throws {
        let documentation = FlowDocumentation(flow: try DocsSupport.flow(Self.secrets))
        for text in [documentation.markdown(), documentation.html()] {
            for secret in ["sk_live_123", "$vars.key", "literal-token", "s3cr3t", "abc123", "hunter2"] {
                #expect(!text.contains(secret), "\(secret) is shown")
            }
            #expect(text.contains("••••"))
            #expect(text.contains("application/json"))
            #expect(text.contains("page=2"))
        }
    }

    @Test("the same flow renders to the same bytes")
    func stable() throws {
        let flow = try DocsSupport.flow(DocumentationDiagramTests.branchy)
        let first = FlowDocumentation(flow: flow)
        let second = FlowDocumentation(flow: try DocsSupport.flow(DocumentationDiagramTests.branchy))
        #expect(first.markdown() == first.markdown())
        #expect(first.markdown() == second.markdown())
        #expect(first.html() == second.html())
    }

    @Test("sections come in order: title, trigger, diagram, steps, mappings, conditions, errors, tests")
    func sectionOrder() throws {
        let markdown = FlowDocumentation(flow: try DocsSupport.flow(DocumentationDiagramTests.branchy)).markdown()
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map(String.init)
        #expect(
            headings == [
                "## Trigger: manual", "## Diagram", "## Steps", "## Field mappings", "## Conditions",
                "## Error handling and retries", "## Tests",
            ])
        #expect(markdown.hasPrefix("# branchy\n"))
        #expect(markdown.contains("| `route` | `country = \"FR\" and amount < 100` | case 1: runs `small_fr` |"))
        #expect(markdown.contains("| 2.1. `small_fr` |"))
    }

    @Test("backticks in descriptions are code spans; everything else written there shows as written")
    func descriptionMarkup() throws {
        let flow = try DocsSupport.flow(
            #"""
            weft: 1
            flow: described
            description: "Files in `inbox/` are read; <b>x</b> & *y* _z_ &amp; stay text, as do `` `a` `` and an `open one."
            steps:
              - id: a
                description: "- Keeps `min_total` and min_total."
                action: shop/list
                connection: c
            connections: { c: shop }
            """#)
        let app = try DocsSupport.app(
            """
            weft: 1
            app: shop
            name: Shop
            version: 1.0.0
            base_url: https://shop.test
            actions: { list: { path: /items, description: "Lists `items`; 1. page only" } }
            """)
        let documentation = FlowDocumentation(flow: flow, apps: ["shop": app])
        let markdown = documentation.markdown()
        #expect(
            markdown.contains(
                #"Files in `inbox/` are read; \<b\>x\</b\> & \*y\* \_z\_ \&amp; stay text, as do `` `a` `` and an \`open one."#
            ))
        #expect(markdown.contains(#"\- Keeps `min_total` and min_total."#))
        #expect(markdown.contains("The action: Lists `items`; 1. page only"))
        let html = documentation.html()
        #expect(
            html.contains(
                "<p>Files in <code>inbox/</code> are read; &lt;b&gt;x&lt;/b&gt; &amp; *y* _z_ &amp;amp; stay text, as do "
                    + "<code>`a`</code> and an `open one.</p>"))
        #expect(html.contains("<p>- Keeps <code>min_total</code> and min_total.</p>"))
        #expect(html.contains("The action: Lists <code>items</code>; 1. page only"))
    }

    @Test("a paragraph or list item that would read as a heading or a list in Markdown is escaped")
    func blockStarts() {
        let renderer = MarkdownRenderer()
        let cases: [(String, String)] = [
            ("# not a heading", "\\# not a heading"), ("## two", "\\## two"), ("#hashtag", "#hashtag"),
            ("- item", #"\- item"#), ("-5 degrees", "-5 degrees"), ("+ plus", #"\+ plus"#),
            ("1. first", #"1\. first"#), ("2) second", #"2\) second"#), ("3.5 kg", "3.5 kg"),
        ]
        for (text, expected) in cases {
            #expect(renderer.render([.paragraph("\(text)")]) == expected + "\n")
            #expect(renderer.render([.list(["\(text)"])]) == "- " + expected + "\n")
        }
    }

    // MARK: Golden files

    /// Regenerate the expected files after an intended change with
    /// `WEFT_UPDATE_GOLDEN=1 swift test --filter Documentation`, then review the diff before committing.
    static let updateGolden = ProcessInfo.processInfo.environment["WEFT_UPDATE_GOLDEN"] == "1"

    @Test(
        "the fixture flow's documentation matches Fixtures/docs/orders.md and orders.html (WEFT_UPDATE_GOLDEN=1 regenerates them)",
        arguments: ["md", "html"])
    func golden(format: String) throws {
        let directory = DocsSupport.directory
        let flowPath = directory.appendingPathComponent("orders.flow.yaml").path
        let appPath = directory.appendingPathComponent("netsuite.app.yaml").path
        guard case .flow(let flow)? = WeftDocument.load(path: flowPath).document,
            case .app(let app)? = WeftDocument.load(path: appPath).document
        else {
            Issue.record("cannot read the fixtures in \(directory.path)")
            return
        }
        let documentation = FlowDocumentation(flow: flow, apps: [app.id: app])
        let rendered = format == "md" ? documentation.markdown() : documentation.html()
        let expectedURL = directory.appendingPathComponent("orders.\(format)")
        if Self.updateGolden {
            try rendered.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(
            rendered == expected,
            "orders.\(format) is stale; run WEFT_UPDATE_GOLDEN=1 swift test --filter Documentation and review the diff")
    }
}
