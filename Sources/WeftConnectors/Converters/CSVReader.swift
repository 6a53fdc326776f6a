/// The RFC 4180 record reader behind ``CSVToJSON``: one pass over UTF-8 bytes, one record at a time.
struct CSVReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private let trimFields: Bool
    private let skipEmptyLines: Bool
    private var position = 0
    /// The current 1-based line, and the offset where it starts (for columns in errors).
    private var line = 1
    private var lineStart = 0
    /// The line on which the record last read starts.
    private(set) var recordLine = 1
    private var buffer: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, trimFields: Bool, skipEmptyLines: Bool) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.trimFields = trimFields
        self.skipEmptyLines = skipEmptyLines
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            position = 3
            lineStart = 3
        }
    }

    /// Reads the next record into `fields`; returns `false` at the end of the input.
    mutating func readRecord(into fields: inout [String]) throws(ConversionError) -> Bool {
        while true {
            fields.removeAll(keepingCapacity: true)
            guard position < bytes.count else { return false }
            recordLine = line
            var onlyEmptyField = true
            while true {
                let quoted = try readField(into: &fields)
                if quoted || !fields[fields.count - 1].isEmpty { onlyEmptyField = false }
                guard position < bytes.count else { break }
                let byte = bytes[position]
                position += 1
                if byte == delimiter {
                    onlyEmptyField = false
                    continue
                }
                // A line break: CRLF, LF or a lone CR.
                if byte == ConverterByte.carriageReturn && position < bytes.count
                    && bytes[position] == ConverterByte.lineFeed
                {
                    position += 1
                }
                newLine()
                break
            }
            if skipEmptyLines && onlyEmptyField && fields.count == 1 { continue }
            return true
        }
    }

    /// Reads one field, leaving `position` at the delimiter, line break or end that follows it; returns whether
    /// the field was quoted.
    private mutating func readField(into fields: inout [String]) throws(ConversionError) -> Bool {
        if trimFields { skipBlanks() }
        guard position < bytes.count, bytes[position] == ConverterByte.doubleQuote else {
            let start = position
            while position < bytes.count {
                let byte = bytes[position]
                if byte == delimiter || byte == ConverterByte.lineFeed || byte == ConverterByte.carriageReturn { break }
                position += 1
            }
            var end = position
            if trimFields {
                while end > start && isBlank(bytes[end - 1]) { end -= 1 }
            }
            fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            return false
        }
        let openingLine = line
        let openingColumn = TextPosition(line: line, lineStart: lineStart, offset: position, in: bytes).column
        position += 1
        buffer.removeAll(keepingCapacity: true)
        var runStart = position
        while true {
            guard position < bytes.count else {
                throw ConversionError(
                    .unclosed,
                    "the quoted field is never closed",
                    line: openingLine,
                    column: openingColumn
                )
            }
            let byte = bytes[position]
            if byte == ConverterByte.doubleQuote {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                position += 1
                if position < bytes.count && bytes[position] == ConverterByte.doubleQuote {
                    buffer.append(ConverterByte.doubleQuote)
                    position += 1
                    runStart = position
                    continue
                }
                break
            }
            position += 1
            if byte == ConverterByte.lineFeed {
                newLine()
            } else if byte == ConverterByte.carriageReturn
                && (position >= bytes.count || bytes[position] != ConverterByte.lineFeed)
            {
                newLine()
            }
        }
        if trimFields { skipBlanks() }
        if position < bytes.count {
            let byte = bytes[position]
            guard byte == delimiter || byte == ConverterByte.lineFeed || byte == ConverterByte.carriageReturn else {
                let location = TextPosition(line: line, lineStart: lineStart, offset: position, in: bytes)
                throw ConversionError(
                    .malformed,
                    "unexpected character after the closing quote of a field; a quote inside a quoted field "
                        + "must be doubled",
                    line: location.line,
                    column: location.column
                )
            }
        }
        fields.append(String(decoding: buffer, as: UTF8.self))
        return true
    }

    private mutating func newLine() {
        line += 1
        lineStart = position
    }

    private mutating func skipBlanks() {
        while position < bytes.count && isBlank(bytes[position]) { position += 1 }
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte != delimiter && (byte == ConverterByte.space || byte == ConverterByte.tab)
    }
}
