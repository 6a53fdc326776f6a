import WeftJSON

/// Converts JSON to CSV text (RFC 4180), for the `convert` flow step.
///
/// Input shapes:
/// - an array of objects: one record per object. The header is ``Options/columns`` when given, else the
///   union of the rows' keys in first-seen order. With ``Options/flattenObjects`` (the default) nested
///   objects are flattened into dot paths (`{"address": {"city": "Oslo"}}` gives the column `address.city`);
///   an empty nested object keeps its key with the value `{}`. A row missing a column gets an empty field;
/// - an array of arrays: one record per inner array, fields as they are; the header is ``Options/columns``
///   when given, else there is none;
/// - a single object: one record, as in an array of one object; an empty array gives just the header, when
///   ``Options/columns`` names one.
///
/// Fields: strings as they are, numbers as JavaScript writes them (`JSONNumber.format`), Booleans as
/// `true`/`false`, `null` as an empty field, and arrays (and objects, when not flattened) as compact JSON
/// text. A field is quoted only when it must be: when it contains the delimiter, a quote, CR or LF, or
/// starts or ends with a space or tab; quotes inside are doubled. Every record, the last included, ends
/// with ``Options/lineEnding``. Flattening follows objects at most 256 levels deep.
public struct JSONToCSV: Sendable {
    /// The line break written after each record.
    public enum LineEnding: Sendable, Equatable {
        /// CR LF, as RFC 4180 specifies.
        case crlf
        /// LF alone.
        case lf

        var text: String {
            switch self {
            case .crlf: return "\r\n"
            case .lf: return "\n"
            }
        }
    }

    /// How JSON maps to CSV, and how the text is laid out.
    public struct Options: Sendable {
        /// The field separator: one ASCII character other than `"`, CR and LF. Default `,`.
        public var delimiter: Character
        /// The line break after each record. Default ``LineEnding/crlf``.
        public var lineEnding: LineEnding
        /// Whether the first record is the header. Default on.
        public var includeHeader: Bool
        /// The columns to write, in order, as flattened paths (`address.city`); `nil` (the default) takes the
        /// union of the rows' keys in first-seen order. Keys not listed are left out.
        public var columns: [String]?
        /// Whether nested objects are flattened into path columns; off writes them as JSON text. Default on.
        public var flattenObjects: Bool
        /// The separator of flattened paths. Default `.`.
        public var pathSeparator: String

        /// Options with the given values; every parameter has the default described on its property.
        public init(
            delimiter: Character = ",",
            lineEnding: LineEnding = .crlf,
            includeHeader: Bool = true,
            columns: [String]? = nil,
            flattenObjects: Bool = true,
            pathSeparator: String = "."
        ) {
            self.delimiter = delimiter
            self.lineEnding = lineEnding
            self.includeHeader = includeHeader
            self.columns = columns
            self.flattenObjects = flattenObjects
            self.pathSeparator = pathSeparator
        }
    }

    /// The options this converter applies.
    public var options: Options

    /// A converter with the given options.
    public init(options: Options = .init()) {
        self.options = options
    }

    /// The CSV text for `json`.
    ///
    /// - Throws: ``ConversionError`` when `json` is not an array of objects, an array of arrays or an object,
    ///   when rows mix objects and arrays, or when the delimiter is invalid.
    public func convert(_ json: JSON) throws(ConversionError) -> String {
        let delimiter = try CSVToJSON.delimiterByte(options.delimiter)
        let rows: [JSON]
        switch json {
        case .array(let items): rows = items
        case .object: rows = [json]
        default:
            throw ConversionError(
                .unsupportedValue,
                "CSV needs an array of objects or an array of arrays, not \(Self.describe(json))"
            )
        }
        var writer = CSVWriter(delimiter: delimiter, lineEnding: options.lineEnding.text)
        guard let first = rows.first else {
            if options.includeHeader, let columns = options.columns { writer.writeRecord(columns) }
            return writer.text
        }
        switch first {
        case .array: return try arrayRows(rows, writer: &writer)
        case .object: return try objectRows(rows, writer: &writer)
        default: throw Self.mixedRows(index: 0, row: first, expected: "an object or an array")
        }
    }

    private func arrayRows(_ rows: [JSON], writer: inout CSVWriter) throws(ConversionError) -> String {
        if options.includeHeader, let columns = options.columns { writer.writeRecord(columns) }
        for (index, row) in rows.enumerated() {
            guard case .array(let items) = row else {
                throw Self.mixedRows(index: index, row: row, expected: "an array like the first row")
            }
            writer.writeRecord(items.map(Self.field))
        }
        return writer.text
    }

    private func objectRows(_ rows: [JSON], writer: inout CSVWriter) throws(ConversionError) -> String {
        var flattened: [JSONObject] = []
        flattened.reserveCapacity(rows.count)
        var columns: [String] = []
        var seen: Set<String> = []
        for (index, row) in rows.enumerated() {
            guard case .object(let object) = row else {
                throw Self.mixedRows(index: index, row: row, expected: "an object like the first row")
            }
            var flat = JSONObject(minimumCapacity: object.count)
            try flatten(object, prefix: "", depth: 1, into: &flat)
            if options.columns == nil {
                for key in flat.keys where !seen.contains(key) {
                    seen.insert(key)
                    columns.append(key)
                }
            }
            flattened.append(flat)
        }
        if let explicit = options.columns { columns = explicit }
        if options.includeHeader { writer.writeRecord(columns) }
        var fields: [String] = []
        for row in flattened {
            fields.removeAll(keepingCapacity: true)
            for column in columns { fields.append(row[column].map(Self.field) ?? "") }
            writer.writeRecord(fields)
        }
        return writer.text
    }

    private func flatten(
        _ object: JSONObject,
        prefix: String,
        depth: Int,
        into flat: inout JSONObject
    ) throws(ConversionError) {
        guard depth <= Self.maximumDepth else {
            throw ConversionError(
                .nestingTooDeep,
                "a row nests objects deeper than the limit of \(Self.maximumDepth) levels"
            )
        }
        for (key, value) in object {
            let path = prefix.isEmpty ? key : prefix + options.pathSeparator + key
            if options.flattenObjects, case .object(let nested) = value, !nested.isEmpty {
                try flatten(nested, prefix: path, depth: depth + 1, into: &flat)
            } else {
                flat[path] = value
            }
        }
    }

    /// The deepest nesting of objects that flattening follows.
    static let maximumDepth = 256

    /// The text of one field before quoting.
    private static func field(_ value: JSON) -> String {
        switch value {
        case .null: return ""
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return JSONNumber.format(number)
        case .string(let string): return string
        case .array, .object: return value.serialized()
        }
    }

    private static func mixedRows(index: Int, row: JSON, expected: String) -> ConversionError {
        ConversionError(
            .unsupportedValue,
            "row \(index + 1) is \(describe(row)); every row must be \(expected)"
        )
    }

    private static func describe(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
