/// Where each character of a string read from YAML is written in its file.
///
/// YAML rewrites a string as it reads it: quotes and escapes go, line breaks fold into spaces or stay, the
/// indentation of block scalars is dropped. The map records, for each Unicode scalar of the value as read, the line
/// and column of the text it came from, so that a problem found inside the value (a JSONata syntax error, a template
/// hole) is reported where a person sees it. `ScalarScanner` builds it by reading the scalar again in the file.
///
/// A character that an escape produced sits where the escape starts (the `\` of `\"`, the first `'` of `''`); a
/// space or line break that folding produced sits at the line break it replaces.
struct ScalarSourceMap: Sendable {
    /// A run of characters of the value written one after another on one line.
    struct Run: Sendable, Equatable {
        /// The offset in the value of the run's first character.
        var offset: Int
        var line: Int
        var column: Int
    }

    /// The runs, by increasing offset; the first starts at offset 0 unless the value is empty.
    private(set) var runs: [Run] = []
    /// The number of Unicode scalars in the value.
    let count: Int
    /// Where the value's text ends: just after its last character, or the closing quote of a quoted string.
    let end: (line: Int, column: Int)

    /// A map from the index in `text` of each character's source, and the index where the value's text ends.
    init(sources: [Int], end: Int, in text: SourceText) {
        count = sources.count
        self.end = text.position(of: end)
        for (offset, source) in sources.enumerated() {
            let (line, column) = text.position(of: source)
            if let last = runs.last, last.line == line, last.column + (offset - last.offset) == column { continue }
            runs.append(Run(offset: offset, line: line, column: column))
        }
    }

    /// The 1-based line and column of the character at `offset` (in Unicode scalars) of the value; offsets past the
    /// last character give the end of the value's text.
    func position(ofCharacter offset: Int) -> (line: Int, column: Int) {
        guard offset < count, !runs.isEmpty else { return end }
        let offset = max(0, offset)
        var low = 0
        var high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        let run = runs[low]
        return (run.line, run.column + offset - run.offset)
    }
}
