extension Prose {
    /// Text written by a person (a `description:`), whose `code` spans are code: a run of backticks opens a span
    /// that the next run of as many backticks closes, as in Markdown, and a backslash before a backtick keeps it
    /// a backtick. Everything else is text, escaped by each renderer; a run that is never closed stays text.
    init(codeSpansIn text: String) {
        var spans: [Span] = []
        var pending = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, characters[index + 1] == "`" {
                pending.append("`")
                index += 2
                continue
            }
            guard character == "`" else {
                pending.append(character)
                index += 1
                continue
            }
            let run = Self.backtickRun(characters, at: index)
            guard let close = Self.closingRun(of: run, in: characters, from: index + run) else {
                pending += String(repeating: "`", count: run)
                index += run
                continue
            }
            if !pending.isEmpty { spans.append(.text(pending)) }
            pending = ""
            spans.append(.code(Self.codeContent(characters[(index + run)..<close])))
            index = close + run
        }
        if !pending.isEmpty { spans.append(.text(pending)) }
        self.init(spans: spans)
    }

    /// The length of the run of backticks at `index`.
    private static func backtickRun(_ characters: [Character], at index: Int) -> Int {
        var end = index
        while end < characters.count, characters[end] == "`" { end += 1 }
        return end - index
    }

    /// The start of the first run of exactly `length` backticks from `start`, or nil.
    private static func closingRun(of length: Int, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            guard characters[index] == "`" else {
                index += 1
                continue
            }
            let run = backtickRun(characters, at: index)
            if run == length { return index }
            index += run
        }
        return nil
    }

    /// A code span's content as Markdown reads it: line breaks become spaces, and one space is stripped from each
    /// end when both ends have one (so `` ` `x` ` `` can show backticks at its ends).
    private static func codeContent(_ characters: ArraySlice<Character>) -> String {
        var content = String(characters.map { $0 == "\n" || $0 == "\r\n" || $0 == "\r" ? " " : $0 })
        if content.count >= 2, content.hasPrefix(" "), content.hasSuffix(" "), content.contains(where: { $0 != " " }) {
            content = String(content.dropFirst().dropLast())
        }
        return content
    }
}
