/// A run of documentation text with code spans and emphasis, written with string interpolation:
/// `"Calls \(code: "netsuite/create") through \(strong: name)."`. Plain interpolations are text, escaped by each
/// renderer; nothing in a `Prose` is ever taken as markup.
struct Prose: Sendable, Equatable, ExpressibleByStringInterpolation {
    /// A piece of text.
    enum Span: Sendable, Equatable {
        case text(String)
        case code(String)
        case strong(String)
        case emphasis(String)
        /// A link to a section of the same document, by anchor.
        case link(String, anchor: String)
    }

    var spans: [Span]

    init(spans: [Span]) {
        self.spans = spans
    }

    init(stringLiteral value: String) {
        spans = value.isEmpty ? [] : [.text(value)]
    }

    init(stringInterpolation: StringInterpolation) {
        spans = stringInterpolation.spans
    }

    /// Builds a `Prose` from literal text and interpolated spans.
    struct StringInterpolation: StringInterpolationProtocol {
        var spans: [Span] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: String) {
            if !literal.isEmpty { spans.append(.text(literal)) }
        }

        mutating func appendInterpolation(_ text: String) {
            if !text.isEmpty { spans.append(.text(text)) }
        }

        mutating func appendInterpolation(_ number: Int) {
            spans.append(.text(String(number)))
        }

        mutating func appendInterpolation(code: String) {
            spans.append(.code(code))
        }

        mutating func appendInterpolation(strong: String) {
            spans.append(.strong(strong))
        }

        mutating func appendInterpolation(emphasis: String) {
            spans.append(.emphasis(emphasis))
        }

        mutating func appendInterpolation(_ prose: Prose) {
            spans += prose.spans
        }

        mutating func appendInterpolation(link text: String, anchor: String) {
            spans.append(.link(text, anchor: anchor))
        }
    }

    /// The text without markup, for titles and tooltips.
    var plain: String {
        spans.map { span in
            switch span {
            case .text(let text), .code(let text), .strong(let text), .emphasis(let text), .link(let text, _):
                return text
            }
        }.joined()
    }

    var isEmpty: Bool { spans.isEmpty }

    static func + (lhs: Prose, rhs: Prose) -> Prose { Prose(spans: lhs.spans + rhs.spans) }

    /// `items` joined with commas and a final `and`.
    static func list(_ items: [Prose], conjunction: String = "and") -> Prose {
        var spans: [Span] = []
        for (index, item) in items.enumerated() {
            if index > 0 { spans.append(.text(index == items.count - 1 ? " \(conjunction) " : ", ")) }
            spans += item.spans
        }
        return Prose(spans: spans)
    }

    /// `items` joined with `separator`.
    static func joined(_ items: [Prose], separator: String) -> Prose {
        var spans: [Span] = []
        for (index, item) in items.enumerated() {
            if index > 0 { spans.append(.text(separator)) }
            spans += item.spans
        }
        return Prose(spans: spans)
    }
}
