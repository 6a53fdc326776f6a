/// A failure of one of the `convert` step's converters: malformed input, input over a limit, or a value that
/// has no representation in the target format.
///
/// ``message`` is written for the person who wrote the document and never contains internals. ``line`` and
/// ``column`` are 1-based and point into the input text when the error has a place in it (columns count
/// Unicode scalars, not bytes); they are `nil` for errors about the input as a whole, such as its size, or
/// about a JSON value.
public struct ConversionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in words fit to show to a tenant.
    public var message: String
    /// The 1-based line of the input where the problem is, when it has a place.
    public var line: Int?
    /// The 1-based column (in Unicode scalars) of the input where the problem is, when it has a place.
    public var column: Int?
    /// The kind of problem, for tests and callers inside the module.
    let code: Code

    /// The kinds of conversion problems.
    enum Code: Sendable, Equatable {
        /// The input is larger than the configured maximum.
        case inputTooLarge
        /// Elements or values are nested deeper than the configured maximum.
        case nestingTooDeep
        /// The input breaks the syntax of its format.
        case malformed
        /// An XML entity reference names an entity that is not one of the five predefined ones.
        case undefinedEntity
        /// A DOCTYPE declares entities, which are refused.
        case entityDeclaration
        /// A closing tag does not match the element it closes.
        case mismatchedTag
        /// An element, comment, CDATA section or quoted field is not closed before the end of the input.
        case unclosed
        /// A CSV row has a different number of fields than the header (strict mode).
        case raggedRow
        /// A JSON value cannot be written in the target format.
        case unsupportedValue
        /// An option has a value the converter cannot work with.
        case invalidOption
    }

    init(_ code: Code, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.column = column
    }

    /// The message, prefixed with its place in the input when it has one: `line 3, column 7: …`.
    public var description: String {
        switch (line, column) {
        case (let line?, let column?): return "line \(line), column \(column): \(message)"
        case (let line?, nil): return "line \(line): \(message)"
        default: return message
        }
    }
}
