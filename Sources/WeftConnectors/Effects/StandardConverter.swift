import WeftJSON
import WeftModel
import WeftRuntime

/// The `convert` step's conversions: JSON, XML, CSV and text, with options from the step's `options:`.
///
/// Options: `delimiter`, `header`, `infer_types`, `empty_as_null`, `strict`, `trim` (CSV in); `delimiter`,
/// `header`, `columns`, `line_ending` (`crlf`/`lf`), `flatten` (CSV out); `attribute_prefix`, `text_key`,
/// `always_array`, `infer_types`, `strip_namespaces`, `unwrap_root` (XML in); `root`, `item`, `declaration`,
/// `pretty` (XML out).
public struct StandardConverter: DataConverting {
    /// Creates the converter.
    public init() {}

    public func convert(_ value: JSON, from: DataFormat, to: DataFormat, options: [String: JSON]) throws(StepFailure)
        -> JSON
    {
        let json = try toJSON(value, from: from, options: options)
        return try fromJSON(json, to: to, options: options)
    }

    private func toJSON(_ value: JSON, from: DataFormat, options: [String: JSON]) throws(StepFailure) -> JSON {
        switch from {
        case .json:
            if case .string(let text) = value, let parsed = try? JSONParser().parse(text) { return parsed }
            return value
        case .text:
            return value
        case .xml:
            var settings = XMLToJSON.Options()
            if let prefix = options["attribute_prefix"]?.stringValue { settings.attributePrefix = prefix }
            if let key = options["text_key"]?.stringValue { settings.textKey = key }
            if let names = options["always_array"]?.arrayValue {
                settings.alwaysArray = Set(names.compactMap(\.stringValue))
            }
            if let infer = options["infer_types"]?.boolValue { settings.inferTypes = infer }
            if let strip = options["strip_namespaces"]?.boolValue { settings.stripNamespacePrefixes = strip }
            if let unwrap = options["unwrap_root"]?.boolValue { settings.unwrapRoot = unwrap }
            return try convertText(value) { (text) throws(ConversionError) in
                try XMLToJSON(options: settings).convert(text)
            }
        case .csv:
            var settings = CSVToJSON.Options()
            if let delimiter = options["delimiter"]?.stringValue?.first { settings.delimiter = delimiter }
            if let header = options["header"]?.boolValue { settings.hasHeader = header }
            if let infer = options["infer_types"]?.boolValue { settings.inferTypes = infer }
            if let empty = options["empty_as_null"]?.boolValue { settings.emptyAsNull = empty }
            if let strict = options["strict"]?.boolValue { settings.strict = strict }
            if let trim = options["trim"]?.boolValue { settings.trimFields = trim }
            return try convertText(value) { (text) throws(ConversionError) in
                try CSVToJSON(options: settings).convert(text)
            }
        }
    }

    private func fromJSON(_ json: JSON, to: DataFormat, options: [String: JSON]) throws(StepFailure) -> JSON {
        switch to {
        case .json:
            return json
        case .text:
            if case .string = json { return json }
            return .string(json.serialized(indent: 2))
        case .xml:
            var settings = JSONToXML.Options()
            if let root = options["root"]?.stringValue { settings.rootName = root }
            if let item = options["item"]?.stringValue { settings.arrayItemName = item }
            if let prefix = options["attribute_prefix"]?.stringValue { settings.attributePrefix = prefix }
            if let key = options["text_key"]?.stringValue { settings.textKey = key }
            if let declaration = options["declaration"]?.boolValue { settings.xmlDeclaration = declaration }
            if let pretty = options["pretty"]?.boolValue { settings.prettyPrint = pretty }
            do throws(ConversionError) {
                return .string(try JSONToXML(options: settings).convert(json))
            } catch {
                throw StepFailure(.step, "cannot convert to XML: \(error)")
            }
        case .csv:
            var settings = JSONToCSV.Options()
            if let delimiter = options["delimiter"]?.stringValue?.first { settings.delimiter = delimiter }
            if let header = options["header"]?.boolValue { settings.includeHeader = header }
            if let columns = options["columns"]?.arrayValue { settings.columns = columns.compactMap(\.stringValue) }
            if options["line_ending"]?.stringValue == "lf" { settings.lineEnding = .lf }
            if let flatten = options["flatten"]?.boolValue { settings.flattenObjects = flatten }
            do throws(ConversionError) {
                return .string(try JSONToCSV(options: settings).convert(json))
            } catch {
                throw StepFailure(.step, "cannot convert to CSV: \(error)")
            }
        }
    }

    private func convertText(_ value: JSON, _ convert: (String) throws(ConversionError) -> JSON) throws(StepFailure)
        -> JSON
    {
        guard case .string(let text) = value else {
            throw StepFailure(.step, "expected text to convert, found \(value.typeName)")
        }
        do throws(ConversionError) {
            return try convert(text)
        } catch {
            throw StepFailure(.step, "cannot read the input: \(error)")
        }
    }
}
