/// Line and column of a byte offset in UTF-8 text, computed only when an error needs them so the converters'
/// hot loops do not track positions.
struct TextPosition: Equatable {
    /// 1-based line; a line ends at LF, at CR LF, or at a CR not followed by LF.
    var line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    var column: Int

    /// The location of `offset` (clamped into the text) in `bytes`.
    init(offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = 0
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            } else if byte == 0x0D {
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                    index += 1
                    if index >= end { break }
                }
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        self.init(line: line, lineStart: lineStart, offset: end, in: bytes)
    }

    /// The location of `offset` when the start of its line is already known.
    init(line: Int, lineStart: Int, offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var column = 1
        var index = lineStart
        let end = min(max(offset, lineStart), bytes.count)
        while index < end {
            // Count every byte that is not a UTF-8 continuation byte: one per scalar.
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        self.line = line
        self.column = column
    }
}
