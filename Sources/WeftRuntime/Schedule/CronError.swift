/// A cron expression that could not be parsed, or a schedule that could not be built.
///
/// The message names the field, the offending token and the reason, for example
/// `minute field: 61 is out of range 0-59`. `offset` counts bytes of UTF-8 from the start of the text
/// (0-based) and points at the offending token.
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem; compare it with the static members, for example `error.code == .outOfRange`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case fieldCount, unknownMacro, emptyElement, invalidValue, outOfRange, backwardsRange, invalidStep
            case misplacedSymbol, unknownTimeZone
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The text does not have 5 or 6 fields, or a macro is followed by more text.
        public static let fieldCount = Code(.fieldCount)
        /// A word starting with `@` that is not one of the known macros.
        public static let unknownMacro = Code(.unknownMacro)
        /// A list with an empty element, as in `1,,2` or `5,`.
        public static let emptyElement = Code(.emptyElement)
        /// A token that is neither a number nor a name the field accepts, or a range missing one end.
        public static let invalidValue = Code(.invalidValue)
        /// A number outside the field's range.
        public static let outOfRange = Code(.outOfRange)
        /// A range whose start is after its end, as in `20-5`.
        public static let backwardsRange = Code(.backwardsRange)
        /// A step that is missing, not a number, zero, or larger than the field's span.
        public static let invalidStep = Code(.invalidStep)
        /// `?` or `L` used where it is not allowed, or given a step.
        public static let misplacedSymbol = Code(.misplacedSymbol)
        /// A time zone identifier that Foundation does not know.
        public static let unknownTimeZone = Code(.unknownTimeZone)

        /// The code's name, for example `outOfRange`.
        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public let code: Code
    /// The field the problem is in, or `nil` when it concerns the whole expression or the time zone.
    public let field: CronField?
    /// What went wrong, in plain words, starting with the field, for example
    /// `minute field: 61 is out of range 0-59`.
    public let message: String
    /// The byte offset of the offending token in the UTF-8 text, starting at 0 (0 for a time zone error).
    public let offset: Int

    /// Creates an error.
    public init(code: Code, field: CronField?, message: String, offset: Int) {
        self.code = code
        self.field = field
        self.message = message
        self.offset = offset
    }

    /// The error as `offset N: message`.
    public var description: String {
        "offset \(offset): \(message)"
    }
}
