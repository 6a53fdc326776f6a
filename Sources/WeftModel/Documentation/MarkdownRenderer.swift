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
                parts.append(escapeBlockStart(inline(text, inTable: false)))
            case .list(let items):
                parts.append(items.map { "- " + escapeBlockStart(inline($0, inTable: false)) }.joined(separator: "\n"))
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

    /// Text with Markdown's special characters escaped, so that it shows as written; line breaks become spaces.
    /// Underscores inside words (`min_total`) and ampersands that cannot start an entity are left alone, as
    /// Markdown leaves them, to keep the text readable as plain text.
    private func escape(_ text: String, inTable: Bool) -> String {
        var result = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            switch character {
            case "\\", "`", "*", "[", "]", "<", ">", "~": result += "\\" + String(character)
            case "|" where inTable: result += "\\|"
            case "_":
                let inWord =
                    index > 0 && index + 1 < characters.count && Self.isWordCharacter(characters[index - 1])
                    && (Self.isWordCharacter(characters[index + 1]) || characters[index + 1] == "_")
                result += inWord ? "_" : "\\_"
            case "&" where Self.startsEntity(characters[(index + 1)...]): result += "\\&"
            case "\n", "\r", "\r\n": result += " "
            default: result.append(character)
            }
        }
        return result
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    /// Whether the text after an `&` would make it an entity reference (`&amp;`, `&#38;`, `&#x26;`).
    private static func startsEntity(_ rest: ArraySlice<Character>) -> Bool {
        guard let semicolon = rest.prefix(33).firstIndex(of: ";") else { return false }
        let name = rest[rest.startIndex..<semicolon]
        if name.first == "#" {
            let digits = name.dropFirst()
            if digits.first == "x" || digits.first == "X" {
                return digits.count > 1 && digits.dropFirst().allSatisfy(\.isHexDigit)
            }
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// A block's text with what would make it another kind of block escaped at its start: `#` (a heading), or
    /// `-`, `+` or `1.` followed by a space (a list).
    private func escapeBlockStart(_ text: String) -> String {
        let markerLength = max(1, text.prefix { $0 == "#" }.count)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        func endsMarker(_ rest: Substring) -> Bool { rest.first == nil || rest.first == " " || rest.first == "\t" }
        if ["#", "-", "+"].contains(text.first), endsMarker(text.dropFirst(markerLength)) {
            return "\\" + text
        }
        if !digits.isEmpty, digits.count <= 9, let next = text.dropFirst(digits.count).first,
            next == "." || next == ")",
            endsMarker(text.dropFirst(digits.count + 1))
        {
            return digits + "\\" + text.dropFirst(digits.count)
        }
        return text
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
