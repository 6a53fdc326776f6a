/// A JSON text that could not be parsed, with the place of the problem.
///
/// `offset` counts bytes of UTF-8 from the start of the input (0-based). `line` and `column` are 1-based;
/// columns count Unicode scalars, and a line ends at `\n`, at `\r\n` or at a lone `\r`.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in plain words, for example `expected ',' or '}' after an object member`.
    public let message: String
    /// The byte offset of the problem in the UTF-8 input, starting at 0.
    public let offset: Int
    /// The line of the problem, starting at 1.
    public let line: Int
    /// The column of the problem within its line, in Unicode scalars, starting at 1.
    public let column: Int

    /// Creates an error with an explicit position.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The error as `line L, column C: message`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}

extension JSONParseError {
    /// Creates an error for `offset` in `bytes`, working out its line and column.
    init(message: String, offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    // Counted at the "\n" that follows.
                } else {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.init(message: message, offset: offset, line: line, column: column)
    }
}
