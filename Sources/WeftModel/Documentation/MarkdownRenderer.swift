import Foundation

/// Renders document blocks as Markdown (GitHub-flavoured: pipe tables, fenced code, Mermaid diagrams) that
/// also reads well as plain text. The same blocks always give the same bytes.
struct MarkdownRenderer {
    func render(_ blocks: [DocumentBlock]) -> String {
        var parts: [String] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text, _):
                parts.append(String(repeating: "#", count: level) + " " + inline(text, inTable: false))
            case .paragraph(let text):
                parts.append(inline(text, inTable: false))
            case .list(let items):
                parts.append(items.map { "- " + inline($0, inTable: false) }.joined(separator: "\n"))
            case .table(let header, let rows):
                var lines = ["| " + header.map { escape($0, inTable: true) }.joined(separator: " | ") + " |"]
                lines.append("|" + header.map { _ in " --- " }.joined(separator: "|") + "|")
                for row in rows {
                    lines.append("| " + row.map { inline($0, inTable: true) }.joined(separator: " | ") + " |")
                }
                parts.append(lines.joined(separator: "\n"))
            case .code(let text, let language):
                parts.append(fenced(text, language: language))
            case .diagram(let mermaid, _):
                parts.append(fenced(mermaid, language: "mermaid"))
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    private func fenced(_ text: String, language: String) -> String {
        var fence = "```"
        while text.contains(fence) { fence += "`" }
        return fence + language + "\n" + text + "\n" + fence
    }

    private func inline(_ prose: Prose, inTable: Bool) -> String {
        prose.spans.map { span in
            switch span {
            case .text(let text): return escape(text, inTable: inTable)
            case .code(let text): return code(text, inTable: inTable)
            case .strong(let text): return "**" + escape(text, inTable: inTable) + "**"
            case .emphasis(let text): return "*" + escape(text, inTable: inTable) + "*"
            case .link(let text, _): return escape(text, inTable: inTable)
            }
        }.joined()
    }

    /// Text with Markdown's special characters escaped; line breaks become spaces.
    private func escape(_ text: String, inTable: Bool) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">": result += "\\" + String(character)
            case "|" where inTable: result += "\\|"
            case "\n", "\r": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    /// A code span long enough to hold the backticks inside `text`.
    private func code(_ text: String, inTable: Bool) -> String {
        var content = FlowDocumentation.oneLine(text)
        if content.isEmpty { return "(empty)" }
        if inTable { content = content.replacingOccurrences(of: "|", with: "\\|") }
        var longest = 0
        var run = 0
        for character in content {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = content.hasPrefix("`") || content.hasSuffix("`") ? " " : ""
        return fence + padding + content + padding + fence
    }
}
