import Foundation

/// Descriptions as plain text: the HTML tags some documents put in them (Stripe's `<p>...</p>`) taken out.
enum DescriptionText {
    /// The HTML elements taken out; anything else in angle brackets (`List<T>`, `<owner>`) stays.
    private static let tags: Set<String> = [
        "p", "br", "code", "a", "ul", "ol", "li", "em", "strong", "b", "i", "span", "div", "pre", "h1", "h2", "h3",
        "h4", "h5", "h6", "table", "tr", "td", "th", "thead", "tbody", "blockquote", "hr", "small", "sup", "sub",
    ]

    /// `text` without HTML tags (`<p>`, `</code>`, `<a href="...">`), with runs of blank lines collapsed and the
    /// ends trimmed. Text without a tag is returned as it is.
    static func plain(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var output = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<", let end = tagEnd(in: text, from: index) {
                let inside = text[text.index(after: index)..<end].lowercased()
                let name = String(inside.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber })
                if Self.tags.contains(name) {
                    if inside == "/p" || name == "br" || name == "li" { output += "\n" }
                    index = text.index(after: end)
                    continue
                }
            }
            output.append(character)
            index = text.index(after: index)
        }
        while output.contains("\n\n\n") { output = output.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `>` closing a tag that starts at `start` (`<` then a letter or `/`), or `nil` when it is not a tag.
    private static func tagEnd(in text: String, from start: String.Index) -> String.Index? {
        let next = text.index(after: start)
        guard next < text.endIndex, text[next].isLetter || text[next] == "/" else { return nil }
        var index = next
        while index < text.endIndex {
            switch text[index] {
            case ">": return index
            case "<", "\n": return nil
            default: index = text.index(after: index)
            }
        }
        return nil
    }
}
