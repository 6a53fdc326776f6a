/// Collects the diagnostics found while reading files against their specs.
public struct SpecReader {
    /// Everything found so far, in the order found.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty reader.
    public init() {}

    /// Records an error.
    public mutating func error(_ code: String, _ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, code: code, message: message, location: location, hint: hint))
    }

    /// Records a warning.
    public mutating func warning(_ code: String, _ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.warning, code: code, message: message, location: location, hint: hint))
    }

    /// Records diagnostics found elsewhere.
    public mutating func append(contentsOf found: [Diagnostic]) {
        diagnostics.append(contentsOf: found)
    }

    /// Reports a value of the wrong kind.
    mutating func typeMismatch(expected: String, found value: Located) {
        error("wrong-type", "expected \(expected), found \(value.typeDescription)", at: value.location)
    }
}
