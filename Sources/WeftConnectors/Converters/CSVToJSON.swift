import WeftJSON

/// Converts CSV text (RFC 4180) to JSON, for the `convert` flow step.
///
/// The result is an array with one element per record: an object keyed by the header row by default, or an
/// array of fields when ``Options/hasHeader`` is off. Fields are strings unless ``Options/inferTypes`` or
/// ``Options/emptyAsNull`` say otherwise.
///
/// Parsing follows RFC 4180 and what spreadsheets write: fields may be quoted with `"`, a quote inside a
/// quoted field is doubled (`""`), quoted fields may contain delimiters and line breaks, records end with
/// CRLF, LF or a lone CR, a UTF-8 byte order mark is skipped, and the last record may or may not end with a
/// line break. Being lenient where that is unambiguous, a quote inside an unquoted field is kept as a literal
/// character (`5" screen`). Lines that are completely empty are skipped unless ``Options/skipEmptyLines`` is
/// off.
///
/// Header names: an empty header and a repeated header are both renamed `column_N`, N being the field's
/// 1-based position (a further `_2`, `_3`, … is appended in the rare case that name is taken too). Ragged
/// rows: with ``Options/strict`` a record whose field count differs from the header's is an error naming its
/// line; otherwise missing fields are `null` and extra fields are kept under `column_N`. Without a header,
/// records are returned as they are, and ``Options/strict`` requires every record to have as many fields as
/// the first.
public struct CSVToJSON: Sendable {
    /// How CSV is read and mapped to JSON.
    public struct Options: Sendable {
        /// The field separator: one ASCII character other than `"`, CR and LF. Default `,`; `;`, tab and `|`
        /// are common alternatives.
        public var delimiter: Character
        /// Whether the first record names the fields. Default on: records become objects; off: arrays.
        public var hasHeader: Bool
        /// Whether spaces and tabs around fields are removed (except the one that is the delimiter);
        /// spaces around a quoted field are then allowed and dropped. Default off.
        public var trimFields: Bool
        /// Whether fields that look like numbers or Booleans become numbers and Booleans (`12`, `-1.5`,
        /// `true`; `007`, `+1` and integers beyond 2^53 stay strings). Default off.
        public var inferTypes: Bool
        /// Whether empty fields (quoted or not) become `null`. Default off: they are `""`.
        public var emptyAsNull: Bool
        /// Whether a record with a different number of fields than the header is an error. Default off.
        public var strict: Bool
        /// Whether completely empty lines are skipped. Default on.
        public var skipEmptyLines: Bool
        /// The largest input accepted, in UTF-8 bytes. Default 256 MiB.
        public var maximumInputBytes: Int

        /// Options with the given values; every parameter has the default described on its property.
        public init(
            delimiter: Character = ",",
            hasHeader: Bool = true,
            trimFields: Bool = false,
            inferTypes: Bool = false,
            emptyAsNull: Bool = false,
            strict: Bool = false,
            skipEmptyLines: Bool = true,
            maximumInputBytes: Int = 256 * 1024 * 1024
        ) {
            self.delimiter = delimiter
            self.hasHeader = hasHeader
            self.trimFields = trimFields
            self.inferTypes = inferTypes
            self.emptyAsNull = emptyAsNull
            self.strict = strict
            self.skipEmptyLines = skipEmptyLines
            self.maximumInputBytes = maximumInputBytes
        }
    }

    /// The options this converter applies.
    public var options: Options

    /// A converter with the given options.
    public init(options: Options = .init()) {
        self.options = options
    }

    /// The JSON array for the CSV text `csv`.
    ///
    /// - Throws: ``ConversionError`` with line and column for an unclosed quoted field or text after a
    ///   closing quote, with the line of the record for a ragged row in strict mode, and without a place for
    ///   an invalid delimiter or input larger than ``Options/maximumInputBytes``.
    public func convert(_ csv: String) throws(ConversionError) -> JSON {
        let delimiter = try Self.delimiterByte(options.delimiter)
        let size = csv.utf8.count
        guard size <= options.maximumInputBytes else {
            throw ConversionError(
                .inputTooLarge,
                "the CSV text is \(size) bytes, more than the limit of \(options.maximumInputBytes) bytes"
            )
        }
        let bytes = Array(csv.utf8)
        let options = self.options
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ConversionError) -> JSON in
            var reader = CSVReader(
                bytes: buffer,
                delimiter: delimiter,
                trimFields: options.trimFields,
                skipEmptyLines: options.skipEmptyLines
            )
            return try Self.records(from: &reader, options: options)
        }
    }

    /// The byte of a valid delimiter.
    static func delimiterByte(_ delimiter: Character) throws(ConversionError) -> UInt8 {
        guard let byte = delimiter.asciiValue, byte != ConverterByte.doubleQuote, byte != ConverterByte.lineFeed,
            byte != ConverterByte.carriageReturn
        else {
            throw ConversionError(
                .invalidOption,
                "the delimiter must be one ASCII character other than a quote, CR or LF"
            )
        }
        return byte
    }

    private static func records(from reader: inout CSVReader, options: Options) throws(ConversionError) -> JSON {
        var fields: [String] = []
        var rows: [JSON] = []
        func value(_ field: String) -> JSON {
            if field.isEmpty && options.emptyAsNull { return .null }
            return options.inferTypes ? TypeInference.infer(field) : .string(field)
        }
        guard options.hasHeader else {
            var width: Int?
            while try reader.readRecord(into: &fields) {
                if options.strict {
                    if let width, fields.count != width {
                        throw raggedRow(
                            line: reader.recordLine, count: fields.count, expected: width, of: "the first row")
                    }
                    width = fields.count
                }
                rows.append(.array(fields.map(value)))
            }
            return .array(rows)
        }
        guard try reader.readRecord(into: &fields) else { return .array([]) }
        var names = CSVColumnNames(header: fields)
        let width = fields.count
        while try reader.readRecord(into: &fields) {
            if options.strict && fields.count != width {
                throw raggedRow(line: reader.recordLine, count: fields.count, expected: width, of: "the header")
            }
            var object = JSONObject(minimumCapacity: max(width, fields.count))
            for index in 0..<max(width, fields.count) {
                object[names.name(at: index)] = index < fields.count ? value(fields[index]) : .null
            }
            rows.append(.object(object))
        }
        return .array(rows)
    }

    private static func raggedRow(line: Int, count: Int, expected: Int, of reference: String) -> ConversionError {
        ConversionError(
            .raggedRow,
            "the row has \(count) field\(count == 1 ? "" : "s"), but \(reference) has \(expected)",
            line: line
        )
    }
}
