/// A date/time picture string split into literal text and variable markers (XPath F&O 3.1 §9.8.4.1).
/// `[[` and `]]` stand for literal brackets; whitespace inside a marker is ignored.
struct DateTimePicture: Equatable {
    /// A piece of the picture.
    enum Item: Equatable {
        /// Text written or matched as it is.
        case literal(String)
        /// A component.
        case marker(DateTimeMarker)
    }

    /// The pieces in order; adjacent literal text is merged.
    var items: [Item]

    /// The picture `$fromMillis` uses when it is given a time zone but no picture.
    static let iso8601 = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]"

    /// Splits and analyses `picture`.
    ///
    /// - Throws: `JSONataError` D3135 (a `[` without its `]`), then the marker errors of `DateTimeMarker`.
    init(_ picture: String) throws(JSONataError) {
        enum Piece {
            case text(String)
            case marker(String)
        }
        var pieces: [Piece] = []
        var literal = ""
        let characters = Array(picture)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "[" {
                if index + 1 < characters.count && characters[index + 1] == "[" {
                    literal.append("[")
                    index += 2
                    continue
                }
                guard let close = characters[index...].firstIndex(of: "]") else {
                    throw JSONataError(
                        code: "D3135",
                        message: "No matching closing bracket ']' in date/time "
                            + "picture string")
                }
                if !literal.isEmpty {
                    pieces.append(.text(literal))
                    literal = ""
                }
                pieces.append(.marker(String(characters[(index + 1)..<close].filter { !$0.isWhitespace })))
                index = close + 1
            } else if character == "]" && index + 1 < characters.count && characters[index + 1] == "]" {
                literal.append("]")
                index += 2
            } else {
                literal.append(character)
                index += 1
            }
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }

        items = []
        for piece in pieces {
            switch piece {
            case .text(let text): items.append(.literal(text))
            case .marker(let text): items.append(.marker(try DateTimeMarker(text)))
            }
        }
    }
}
