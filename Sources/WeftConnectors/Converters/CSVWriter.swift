/// Writes CSV records as UTF-8, quoting only the fields that need it.
struct CSVWriter {
    private let delimiter: UInt8
    private let lineEnding: [UInt8]
    private var bytes: [UInt8] = []

    init(delimiter: UInt8, lineEnding: String) {
        self.delimiter = delimiter
        self.lineEnding = Array(lineEnding.utf8)
    }

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Writes one record and its line ending.
    mutating func writeRecord(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(delimiter) }
            append(field)
        }
        bytes.append(contentsOf: lineEnding)
    }

    private mutating func append(_ field: String) {
        let utf8 = field.utf8
        guard needsQuotes(utf8) else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(ConverterByte.doubleQuote)
        for byte in utf8 {
            if byte == ConverterByte.doubleQuote { bytes.append(ConverterByte.doubleQuote) }
            bytes.append(byte)
        }
        bytes.append(ConverterByte.doubleQuote)
    }

    /// Whether a field must be quoted: it contains the delimiter, a quote, CR or LF, or starts or ends with a
    /// space or tab (which readers that trim would lose).
    private func needsQuotes(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == ConverterByte.space || first == ConverterByte.tab || last == ConverterByte.space
            || last == ConverterByte.tab
        {
            return true
        }
        for byte in utf8
        where byte == delimiter || byte == ConverterByte.doubleQuote || byte == ConverterByte.lineFeed
            || byte == ConverterByte.carriageReturn
        {
            return true
        }
        return false
    }
}
