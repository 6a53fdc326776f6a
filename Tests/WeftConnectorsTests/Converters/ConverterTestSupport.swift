import Testing
import WeftJSON

@testable import WeftConnectors

/// The error a conversion throws, or `nil` when it succeeds. (Closures do not infer typed throws, so the body
/// throws `any Error`; anything but a ``ConversionError`` is recorded as an issue.)
func conversionError<T>(_ body: () throws -> T) -> ConversionError? {
    do {
        _ = try body()
        return nil
    } catch let error as ConversionError {
        return error
    } catch {
        Issue.record("unexpected error: \(error)")
        return nil
    }
}

/// XML to JSON with default options, unless others are given.
func xmlToJSON(_ xml: String, _ options: XMLToJSON.Options = .init()) throws(ConversionError) -> JSON {
    try XMLToJSON(options: options).convert(xml)
}

/// JSON to XML with default options, unless others are given.
func jsonToXML(_ json: JSON, _ options: JSONToXML.Options = .init()) throws(ConversionError) -> String {
    try JSONToXML(options: options).convert(json)
}

/// CSV to JSON with default options, unless others are given.
func csvToJSON(_ csv: String, _ options: CSVToJSON.Options = .init()) throws(ConversionError) -> JSON {
    try CSVToJSON(options: options).convert(csv)
}

/// JSON to CSV with default options, unless others are given.
func jsonToCSV(_ json: JSON, _ options: JSONToCSV.Options = .init()) throws(ConversionError) -> String {
    try JSONToCSV(options: options).convert(json)
}
