/// A block of a generated document, rendered by ``MarkdownRenderer`` and ``HTMLRenderer``.
enum DocumentBlock: Sendable {
    /// A heading, level 1 to 4, with its anchor (used by the HTML table of contents and links).
    case heading(level: Int, text: Prose, anchor: String)
    case paragraph(Prose)
    /// A bulleted list.
    case list([Prose])
    /// A table with a header row.
    case table(header: [String], rows: [[Prose]])
    /// Verbatim text, such as an expression.
    case code(String, language: String)
    /// The flow diagram: Mermaid in Markdown, SVG in HTML.
    case diagram(mermaid: String, svg: String)
}
