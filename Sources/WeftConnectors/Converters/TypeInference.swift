import WeftJSON

/// The optional type inference of the text-based converters (XML and CSV to JSON).
///
/// Rules, chosen so that inference never changes what a value means:
/// - `true` and `false` (also `TRUE`/`FALSE` and `True`/`False`, as spreadsheets write them) become Booleans;
/// - text in the exact grammar of a JSON number becomes a number: `12`, `-3.5`, `1e3`, `0.25`; but not `007`,
///   `+1`, `.5`, `1.`, `0x1F`, `NaN` or text with spaces, which stay strings (leading zeros usually mean an
///   identifier such as a postcode);
/// - an integer beyond ±2^53 stays a string, because a double cannot hold it exactly (long identifiers and
///   card numbers must not be rounded);
/// - everything else stays a string.
enum TypeInference {
    /// The inferred JSON value of `text`.
    static func infer(_ text: String) -> JSON {
        switch text {
        case "true", "TRUE", "True": return .bool(true)
        case "false", "FALSE", "False": return .bool(false)
        default: break
        }
        if let number = number(text) { return .number(number) }
        return .string(text)
    }

    /// The number `text` denotes when it is in JSON number grammar and exactly representable as an integer
    /// where it is one, else `nil`.
    static func number(_ text: String) -> Double? {
        let utf8 = text.utf8
        guard let first = utf8.first, first == UInt8(ascii: "-") || isDigit(first) else { return nil }
        guard utf8.count <= 64 else { return nil }
        var isInteger = true
        var index = utf8.startIndex
        func peek() -> UInt8? { index < utf8.endIndex ? utf8[index] : nil }
        if peek() == UInt8(ascii: "-") { utf8.formIndex(after: &index) }
        // Integer part: 0 or [1-9][0-9]*.
        guard let lead = peek(), isDigit(lead) else { return nil }
        utf8.formIndex(after: &index)
        if lead != UInt8(ascii: "0") {
            while let byte = peek(), isDigit(byte) { utf8.formIndex(after: &index) }
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            utf8.formIndex(after: &index)
            guard let byte = peek(), isDigit(byte) else { return nil }
            while let byte = peek(), isDigit(byte) { utf8.formIndex(after: &index) }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            isInteger = false
            utf8.formIndex(after: &index)
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                utf8.formIndex(after: &index)
            }
            guard let byte = peek(), isDigit(byte) else { return nil }
            while let byte = peek(), isDigit(byte) { utf8.formIndex(after: &index) }
        }
        guard index == utf8.endIndex, let value = Double(text), value.isFinite else { return nil }
        if isInteger && value.magnitude > 9_007_199_254_740_992 { return nil }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
