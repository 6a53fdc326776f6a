/// The text of a YAML file as Unicode scalars, with where each of its lines starts.
///
/// Lines and columns follow libyaml (which Yams wraps), so that the marks Yams reports can be turned into places in
/// the text and back: a line ends at `\r\n`, `\r`, `\n`, NEL, LS or PS; a column counts Unicode scalars; a byte
/// order mark at the start of the file takes no column.
struct SourceText: Sendable {
    /// The text.
    let scalars: [Unicode.Scalar]
    /// The index in `scalars` of the first character of each line, line 1 first.
    let lineStarts: [Int]

    init(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var starts = [scalars.first == "\u{FEFF}" ? 1 : 0]
        var index = starts[0]
        while index < scalars.count {
            if let next = Self.lineBreak(in: scalars, at: index)?.next {
                starts.append(next)
                index = next
            } else {
                index += 1
            }
        }
        self.scalars = scalars
        self.lineStarts = starts
    }

    /// The character at `index`, or nil past the end.
    subscript(index: Int) -> Unicode.Scalar? {
        index >= 0 && index < scalars.count ? scalars[index] : nil
    }

    /// The index of the character at a 1-based line and column, such as a Yams mark's; nil when there is none.
    func index(line: Int, column: Int) -> Int? {
        guard line >= 1, line <= lineStarts.count, column >= 1 else { return nil }
        let index = lineStarts[line - 1] + column - 1
        let lineEnd = line < lineStarts.count ? lineStarts[line] : scalars.count
        return index <= lineEnd ? index : nil
    }

    /// The 1-based line and column of the character at `index`.
    func position(of index: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= index { low = middle } else { high = middle - 1 }
        }
        return (low + 1, index - lineStarts[low] + 1)
    }

    /// A line break at `index`: what YAML reads it as (`\n`, or LS or PS kept as they are) and the index after it.
    func lineBreak(at index: Int) -> (value: Unicode.Scalar, next: Int)? {
        Self.lineBreak(in: scalars, at: index)
    }

    private static func lineBreak(in scalars: [Unicode.Scalar], at index: Int) -> (value: Unicode.Scalar, next: Int)? {
        guard index < scalars.count else { return nil }
        switch scalars[index] {
        case "\r":
            return ("\n", index + 1 < scalars.count && scalars[index + 1] == "\n" ? index + 2 : index + 1)
        case "\n", "\u{85}": return ("\n", index + 1)
        case "\u{2028}", "\u{2029}": return (scalars[index], index + 1)
        default: return nil
        }
    }

    /// Whether the character at `index` starts a line break.
    func isBreak(at index: Int) -> Bool {
        Self.lineBreak(in: scalars, at: index) != nil
    }

    /// Whether the character at `index` is a space or a tab.
    func isBlank(at index: Int) -> Bool {
        index < scalars.count && (scalars[index] == " " || scalars[index] == "\t")
    }
}
