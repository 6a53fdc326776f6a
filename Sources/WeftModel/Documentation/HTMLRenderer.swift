/// Renders document blocks as one self-contained HTML page: inline CSS, the SVG diagram inline, a table of
/// contents, no JavaScript and nothing loaded from elsewhere.
struct HTMLRenderer {
    static let style = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f7f9; color: #1d2330;
          font: 15px/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 980px; margin: 0 auto; padding: 32px 40px 64px; background: #fff; }
        h1 { font-size: 28px; margin: 0 0 12px; }
        h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #e3e6eb; }
        h3 { font-size: 16px; margin: 26px 0 8px; }
        p, ul { margin: 8px 0; }
        code { font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f0f2f5; padding: 1px 4px;
          border-radius: 3px; overflow-wrap: anywhere; }
        pre { background: #f0f2f5; padding: 12px 14px; border-radius: 6px; overflow-x: auto; }
        pre code { background: none; padding: 0; }
        table { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 14px; }
        th, td { border: 1px solid #cfd5dd; padding: 6px 9px; text-align: left; vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; }
        tr:nth-child(even) td { background: #fafbfc; }
        nav.toc { background: #f6f8fa; border: 1px solid #e3e6eb; border-radius: 6px; padding: 8px 20px;
          margin: 18px 0; }
        nav.toc h2 { border: 0; margin: 6px 0; font-size: 16px; }
        nav.toc ol { margin: 4px 0; padding-left: 22px; }
        a { color: #2257c5; text-decoration: none; }
        a:hover { text-decoration: underline; }
        figure.diagram { margin: 12px 0; overflow-x: auto; }
        figure.diagram svg { max-width: 100%; height: auto; }
        @media print { body { background: #fff; } main { padding: 0; } nav.toc { break-after: page; } }
        """

    func render(_ blocks: [DocumentBlock], title: String) -> String {
        var lines = [
            "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(Self.escape(title))</title>", "<style>", Self.style, "</style>", "</head>", "<body>", "<main>",
        ]
        var tocWritten = false
        for block in blocks {
            switch block {
            case .heading(let level, let text, let anchor):
                if level == 2 && !tocWritten {
                    lines.append(tableOfContents(blocks))
                    tocWritten = true
                }
                lines.append("<h\(level) id=\"\(Self.escape(anchor))\">\(inline(text))</h\(level)>")
            case .paragraph(let text):
                lines.append("<p>\(inline(text))</p>")
            case .list(let items):
                lines.append("<ul>" + items.map { "<li>\(inline($0))</li>" }.joined() + "</ul>")
            case .table(let header, let rows):
                var table =
                    "<table>\n<thead><tr>" + header.map { "<th>\(Self.escape($0))</th>" }.joined()
                    + "</tr></thead>\n<tbody>\n"
                for row in rows {
                    table += "<tr>" + row.map { "<td>\(inline($0))</td>" }.joined() + "</tr>\n"
                }
                lines.append(table + "</tbody>\n</table>")
            case .code(let text, let language):
                lines.append("<pre><code class=\"language-\(Self.escape(language))\">\(Self.escape(text))</code></pre>")
            case .diagram(_, let svg):
                lines.append("<figure class=\"diagram\">\n\(svg)\n</figure>")
            }
        }
        lines += ["</main>", "</body>", "</html>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A nested list of the level-2 and level-3 headings.
    private func tableOfContents(_ blocks: [DocumentBlock]) -> String {
        var html = "<nav class=\"toc\">\n<h2>Contents</h2>\n<ol>"
        var open = false
        var nested = false
        for case .heading(let level, let text, let anchor) in blocks where level == 2 || level == 3 {
            let link = "<a href=\"#\(Self.escape(anchor))\">\(inline(text))</a>"
            if level == 2 {
                if nested { html += "</ol>" }
                if open { html += "</li>" }
                html += "\n<li>" + link
                open = true
                nested = false
            } else {
                if !nested { html += "<ol>" }
                html += "<li>" + link + "</li>"
                nested = true
            }
        }
        if nested { html += "</ol>" }
        if open { html += "</li>" }
        return html + "\n</ol>\n</nav>"
    }

    private func inline(_ prose: Prose) -> String {
        prose.spans.map { span in
            switch span {
            case .text(let text): return Self.escape(text)
            case .code(let text): return "<code>\(Self.escape(text))</code>"
            case .strong(let text): return "<strong>\(Self.escape(text))</strong>"
            case .emphasis(let text): return "<em>\(Self.escape(text))</em>"
            case .link(let text, let anchor):
                return "<a href=\"#\(Self.escape(anchor))\">\(Self.escape(text))</a>"
            }
        }.joined()
    }

    /// Text safe in HTML and XML content and attribute values.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
