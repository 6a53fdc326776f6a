import Foundation

/// A path of the document (`/pets/{petId}`, `/files/{name}.{extension}`), matched segment by segment against
/// request paths. A segment may mix text and parameters; a parameter takes at least one character and never a
/// `/`.
struct PathTemplate: Sendable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case parameter(String)
    }

    /// The template as written.
    let text: String
    /// Its segments (without the empty one before the first `/`, and without a trailing empty one).
    let segments: [[Piece]]

    init(_ text: String) {
        self.text = text
        segments = Self.split(text).map(Self.pieces)
    }

    /// How many segments are plain text: the more, the more specific the template (`/pets/mine` wins over
    /// `/pets/{id}`).
    var textSegments: Int {
        segments.count { $0.allSatisfy { if case .text = $0 { true } else { false } } }
    }

    /// The parameter values when `path` (percent-decoded segments) matches, or `nil`.
    func match(_ path: [String]) -> [String: String]? {
        guard path.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (pieces, segment) in zip(segments, path) {
            guard Self.match(pieces[...], Substring(segment), into: &values) else { return nil }
        }
        return values
    }

    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring, into values: inout [String: String])
        -> Bool
    {
        guard let first = pieces.first else { return text.isEmpty }
        switch first {
        case .text(let literal):
            guard text.hasPrefix(literal) else { return false }
            return match(pieces.dropFirst(), text.dropFirst(literal.count), into: &values)
        case .parameter(let name):
            guard !text.isEmpty else { return false }
            if pieces.count == 1 {
                values[name] = String(text)
                return true
            }
            var end = text.index(after: text.startIndex)
            while true {
                var attempt = values
                if match(pieces.dropFirst(), text[end...], into: &attempt) {
                    attempt[name] = String(text[..<end])
                    values = attempt
                    return true
                }
                guard end < text.endIndex else { return false }
                end = text.index(after: end)
            }
        }
    }

    /// The segments of a path: `/a/b/` gives `a`, `b`; `/` gives none.
    static func split(_ path: String) -> [String] {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.first == "" { parts.removeFirst() }
        if parts.last == "" { parts.removeLast() }
        return parts
    }

    private static func pieces(_ segment: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(segment)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
            pieces.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }
}
