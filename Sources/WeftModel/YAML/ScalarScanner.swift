/// Reads a scalar again in the text of its file, the way libyaml (which Yams wraps) reads it, noting where each
/// character of the value comes from: the source of a `ScalarSourceMap`.
///
/// The scan starts at the mark Yams gives the scalar and follows the rules of its style: line folding in plain and
/// quoted scalars, `''` in single-quoted ones, backslash escapes (`\uXXXX` and escaped line breaks included) in
/// double-quoted ones, indentation, folding and chomping in `|` and `>` blocks. It is checked against the value Yams
/// read: a map is made only when the two agree, so a scalar read differently here keeps its approximate location
/// rather than gaining a wrong one.
struct ScalarScanner {
    /// A character read, with the index in the text of where it comes from.
    private typealias Piece = (value: Unicode.Scalar, index: Int)

    /// The blanks and line breaks between two runs of text of a plain or quoted scalar, read but not yet added.
    private struct Gap {
        /// Blanks on the line of the text before (kept when no line break follows).
        var whitespaces: [Piece] = []
        /// Whether a line break was found: the gap folds lines then.
        var breaksLine = false
        /// The first line break (none for a `\` line continuation).
        var leadingBreak: Piece?
        /// The line breaks after the first, one for each empty line.
        var trailingBreaks: [Piece] = []
    }

    private let text: SourceText
    /// The value read so far.
    private var value: [Unicode.Scalar] = []
    /// For each character of `value`, the index in the text of its source.
    private var sources: [Int] = []

    private init(text: SourceText) {
        self.text = text
    }

    /// The map of `value`, a scalar of `style` that Yams marks at `line` and `column` of `text`; nil when this
    /// scanner does not read the same value there.
    static func map(
        of value: String, style: Located.StringStyle, line: Int, column: Int, in text: SourceText
    ) -> ScalarSourceMap? {
        guard let mark = text.index(line: line, column: column) else { return nil }
        let start = skippingProperties(from: mark, in: text)
        let expected = Array(value.unicodeScalars)
        switch style {
        case .plain:
            var scanner = ScalarScanner(text: text)
            guard let end = scanner.scanPlain(from: start, count: expected.count) else { return nil }
            return scanner.map(ifReading: expected, end: end)
        case .singleQuoted, .doubleQuoted:
            var scanner = ScalarScanner(text: text)
            guard let end = scanner.scanQuoted(from: start, single: style == .singleQuoted) else { return nil }
            return scanner.map(ifReading: expected, end: end)
        case .literal, .folded:
            guard let header = blockHeader(at: start, in: text) else { return nil }
            // The indentation depends on that of the block's parent, which the mark does not tell: try each
            // parent indentation the block's column allows, the most common (none) first.
            for parent in 0..<max(1, column) {
                var scanner = ScalarScanner(text: text)
                let indent = header.increment.map { $0 + parent }
                guard
                    let end = scanner.scanBlock(
                        from: header.contentStart, headerEnd: header.end, literal: style == .literal,
                        chomping: header.chomping, indent: indent, minimumIndent: parent + 1)
                else { continue }
                if let map = scanner.map(ifReading: expected, end: end) { return map }
            }
            return nil
        }
    }

    private func map(ifReading expected: [Unicode.Scalar], end: Int) -> ScalarSourceMap? {
        value == expected ? ScalarSourceMap(sources: sources, end: end, in: text) : nil
    }

    private mutating func append(_ scalar: Unicode.Scalar, from index: Int) {
        value.append(scalar)
        sources.append(index)
    }

    private mutating func append(_ pieces: [Piece]) {
        for piece in pieces { append(piece.value, from: piece.index) }
    }

    /// Past an anchor (`&name`) or tag (`!tag`) that Yams' mark points at, to the scalar itself.
    private static func skippingProperties(from start: Int, in text: SourceText) -> Int {
        var index = start
        while text[index] == "&" || text[index] == "!" {
            while text[index] != nil, !text.isBlank(at: index), !text.isBreak(at: index) { index += 1 }
            while true {
                if text.isBlank(at: index) {
                    index += 1
                } else if let lineBreak = text.lineBreak(at: index) {
                    index = lineBreak.next
                } else if text[index] == "#" {
                    while text[index] != nil, !text.isBreak(at: index) { index += 1 }
                } else {
                    break
                }
            }
        }
        return index
    }

    // MARK: - Plain and quoted scalars

    /// Reads blanks and line breaks from `index` into `gap`.
    private func readGap(from index: inout Int, into gap: inout Gap) {
        while true {
            if text.isBlank(at: index) {
                if !gap.breaksLine { gap.whitespaces.append((text.scalars[index], index)) }
                index += 1
            } else if let lineBreak = text.lineBreak(at: index) {
                if gap.breaksLine {
                    gap.trailingBreaks.append((lineBreak.value, index))
                } else {
                    gap.whitespaces = []
                    gap.leadingBreak = (lineBreak.value, index)
                    gap.breaksLine = true
                }
                index = lineBreak.next
            } else {
                return
            }
        }
    }

    /// Adds what a gap reads as: its blanks when it stays on one line; otherwise one space for a single line
    /// break, or a line break for each empty line.
    private mutating func close(_ gap: inout Gap) {
        if !gap.breaksLine {
            append(gap.whitespaces)
        } else if let leading = gap.leadingBreak, leading.value == "\n" {
            if gap.trailingBreaks.isEmpty {
                append(" ", from: leading.index)
            } else {
                append(gap.trailingBreaks)
            }
        } else {
            if let leading = gap.leadingBreak { append([leading]) }
            append(gap.trailingBreaks)
        }
        gap = Gap()
    }

    /// Reads a plain scalar of `count` characters; returns the index just after its last character. (Where a plain
    /// scalar ends depends on its context; the length of the value Yams read tells it instead.)
    private mutating func scanPlain(from start: Int, count: Int) -> Int? {
        var index = start
        var end = start
        var gap = Gap()
        while value.count < count {
            guard let scalar = text[index] else { return nil }
            if text.isBlank(at: index) || text.isBreak(at: index) {
                readGap(from: &index, into: &gap)
            } else {
                close(&gap)
                append(scalar, from: index)
                index += 1
                end = index
            }
        }
        return end
    }

    /// Reads a quoted scalar whose opening quote is at `start`; returns the index of the closing quote.
    private mutating func scanQuoted(from start: Int, single: Bool) -> Int? {
        let quote: Unicode.Scalar = single ? "'" : "\""
        guard text[start] == quote else { return nil }
        var index = start + 1
        while text[index] != nil {
            var gap = Gap()
            while let scalar = text[index], !text.isBlank(at: index), !text.isBreak(at: index) {
                if single, scalar == "'", text[index + 1] == "'" {
                    append("'", from: index)
                    index += 2
                } else if scalar == quote {
                    break
                } else if !single, scalar == "\\", let lineBreak = text.lineBreak(at: index + 1) {
                    // A line continuation: the break and the next line's indentation read as nothing.
                    index = lineBreak.next
                    gap.breaksLine = true
                    break
                } else if !single, scalar == "\\" {
                    guard let escape = escape(at: index) else { return nil }
                    append(escape.value, from: index)
                    index = escape.next
                } else {
                    append(scalar, from: index)
                    index += 1
                }
            }
            if text[index] == quote { return index }
            readGap(from: &index, into: &gap)
            close(&gap)
        }
        return nil
    }

    /// The character a double-quoted escape at `index` (its `\`) stands for, and the index after the escape.
    private func escape(at index: Int) -> (value: Unicode.Scalar, next: Int)? {
        guard let code = text[index + 1] else { return nil }
        let digits: Int
        switch code {
        case "0": return ("\u{0}", index + 2)
        case "a": return ("\u{7}", index + 2)
        case "b": return ("\u{8}", index + 2)
        case "t", "\t": return ("\t", index + 2)
        case "n": return ("\n", index + 2)
        case "v": return ("\u{B}", index + 2)
        case "f": return ("\u{C}", index + 2)
        case "r": return ("\r", index + 2)
        case "e": return ("\u{1B}", index + 2)
        case " ", "\"", "/", "\\": return (code, index + 2)
        case "N": return ("\u{85}", index + 2)
        case "_": return ("\u{A0}", index + 2)
        case "L": return ("\u{2028}", index + 2)
        case "P": return ("\u{2029}", index + 2)
        case "x": digits = 2
        case "u": digits = 4
        case "U": digits = 8
        default: return nil
        }
        var number: UInt32 = 0
        for offset in 0..<digits {
            guard let digit = text[index + 2 + offset].flatMap(Self.hexValue) else { return nil }
            number = number << 4 + digit
        }
        guard let scalar = Unicode.Scalar(number) else { return nil }
        return (scalar, index + 2 + digits)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 0x30...0x39: return scalar.value - 0x30
        case 0x41...0x46: return scalar.value - 0x41 + 10
        case 0x61...0x66: return scalar.value - 0x61 + 10
        default: return nil
        }
    }

    // MARK: - Block scalars

    /// The header of a block scalar: `|` or `>`, then a chomping indicator (`-` strips the final line breaks, `+`
    /// keeps them all) and an indentation indicator (1–9) in either order, then blanks and a comment.
    private struct BlockHeader {
        var chomping = 0
        var increment: Int?
        /// The index just after the indicators.
        var end: Int
        /// The index where the content's first line starts.
        var contentStart: Int
    }

    private static func blockHeader(at start: Int, in text: SourceText) -> BlockHeader? {
        guard text[start] == "|" || text[start] == ">" else { return nil }
        var header = BlockHeader(end: start + 1, contentStart: start + 1)
        var index = start + 1
        for _ in 0..<2 {
            if header.chomping == 0, text[index] == "+" || text[index] == "-" {
                header.chomping = text[index] == "+" ? 1 : -1
                index += 1
            } else if header.increment == nil, let digit = text[index].flatMap(hexValue), (1...9).contains(digit) {
                header.increment = Int(digit)
                index += 1
            }
        }
        header.end = index
        while text.isBlank(at: index) { index += 1 }
        if text[index] == "#" {
            while text[index] != nil, !text.isBreak(at: index) { index += 1 }
        }
        if let lineBreak = text.lineBreak(at: index) {
            index = lineBreak.next
        } else if text[index] != nil {
            return nil
        }
        header.contentStart = index
        return header
    }

    /// Reads the content of a block scalar, indented by `indent` columns when the header says so, or else by
    /// those of its first non-empty line (at least `minimumIndent`); returns the index just after its last
    /// character of text.
    private mutating func scanBlock(
        from start: Int, headerEnd: Int, literal: Bool, chomping: Int, indent: Int?, minimumIndent: Int
    ) -> Int? {
        var index = start
        var column = 0
        var indent = indent ?? 0
        var end = headerEnd
        var leadingBreak: Piece?
        var trailingBreaks: [Piece] = []
        var leadingBlank = false
        guard
            readEmptyLines(
                from: &index, column: &column, indent: &indent, minimumIndent: minimumIndent, into: &trailingBreaks)
        else { return nil }
        while column == indent, text[index] != nil {
            let trailingBlank = text.isBlank(at: index)
            if !literal, let leading = leadingBreak, leading.value == "\n", !leadingBlank, !trailingBlank {
                // `>` folds a line break between two lines of text (neither more indented) into a space.
                if trailingBreaks.isEmpty { append(" ", from: leading.index) }
            } else if let leading = leadingBreak {
                append([leading])
            }
            leadingBreak = nil
            append(trailingBreaks)
            trailingBreaks = []
            leadingBlank = trailingBlank
            while let scalar = text[index], !text.isBreak(at: index) {
                append(scalar, from: index)
                index += 1
                column += 1
            }
            end = index
            if let lineBreak = text.lineBreak(at: index) {
                leadingBreak = (lineBreak.value, index)
                index = lineBreak.next
                column = 0
            }
            guard
                readEmptyLines(
                    from: &index, column: &column, indent: &indent, minimumIndent: minimumIndent,
                    into: &trailingBreaks)
            else { return nil }
        }
        if chomping != -1, let leadingBreak { append([leadingBreak]) }
        if chomping == 1 { append(trailingBreaks) }
        return end
    }

    /// Reads the indentation of the next line and the empty lines before it, settling `indent` (when 0) on the
    /// deepest indentation met; false when a tab stands where indentation is expected.
    private func readEmptyLines(
        from index: inout Int, column: inout Int, indent: inout Int, minimumIndent: Int, into breaks: inout [Piece]
    ) -> Bool {
        var deepest = 0
        while true {
            while indent == 0 || column < indent, text[index] == " " {
                index += 1
                column += 1
            }
            deepest = max(deepest, column)
            if indent == 0 || column < indent, text[index] == "\t" { return false }
            guard let lineBreak = text.lineBreak(at: index) else { break }
            breaks.append((lineBreak.value, index))
            index = lineBreak.next
            column = 0
        }
        if indent == 0 { indent = max(deepest, minimumIndent, 1) }
        return true
    }
}
