/// One variable marker of a date/time picture (XPath F&O 3.1 §9.8.4.1), such as `[D01]`, `[MNn,*-3]` or
/// `[Z01:01t]`: a component specifier, a presentation modifier and an optional width modifier.
struct DateTimeMarker: Equatable {
    /// How a component is written.
    enum Presentation: Equatable {
        /// As an integer: digits, letters, Roman numerals or words.
        case integer(IntegerPicture)
        /// As an English name (months, days of the week, am/pm).
        case name(IntegerPicture.LetterCase)
        /// A time zone offset written after the given digit pattern (`01:01`, `0`, `0101`).
        case timezone(String)
        /// The calendar or era, always written as `ISO`.
        case calendar
    }

    /// The component specifiers JSONata knows.
    static let components: Set<Character> = [
        "Y", "M", "D", "d", "F", "W", "w", "X", "x", "H", "h", "P", "m", "s", "f", "Z", "z", "C", "E",
    ]

    /// The largest width a width modifier may ask for; larger widths are reduced to it, so that a picture
    /// cannot ask for unbounded padding.
    static let widestWidth = 1000

    /// The component specifier.
    var component: Character
    /// The presentation.
    var presentation: Presentation
    /// The fewest characters to write, when given.
    var minimumWidth: Int?
    /// The most characters to write, when given.
    var maximumWidth: Int?
    /// For time zones: write `Z` for a zero offset (the `t` modifier).
    var zuluForZero: Bool

    /// Analyses the text between `[` and `]`, with whitespace already removed.
    ///
    /// - Throws: `JSONataError` D3132 (unknown component), D3133 (name presentation on a component without
    ///   names), D3134 (time zone pattern with more than four digits), D3130/D3131 (invalid integer token).
    init(_ text: String) throws(JSONataError) {
        guard let component = text.first, Self.components.contains(component) else {
            throw JSONataError(
                code: "D3132",
                message: "Unknown component specifier '\(text.first.map(String.init) ?? "")' "
                    + "in date/time picture string")
        }
        self.component = component
        var modifier = text.dropFirst()
        if let comma = modifier.lastIndex(of: ",") {
            let width = modifier[modifier.index(after: comma)...]
            let bounds = width.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            minimumWidth = bounds.first.flatMap { Int($0) }.map { Swift.min($0, Self.widestWidth) }
            maximumWidth = bounds.count > 1 ? Int(bounds[1]).map { Swift.min($0, Self.widestWidth) } : nil
            modifier = modifier[..<comma]
        }
        var ordinal = false
        zuluForZero = false
        if modifier.count > 1, let last = modifier.last, "atco".contains(last) {
            ordinal = last == "o"
            zuluForZero = last == "t"
            modifier = modifier.dropLast()
        }
        if modifier.isEmpty { modifier = Substring(Self.defaultPresentation(component)) }

        switch component {
        case "C", "E":
            presentation = .calendar
        case "Z", "z":
            let digits = modifier.filter { DecimalDigitPattern.decimalValue($0) != nil }.count
            let separated = modifier.contains { DecimalDigitPattern.decimalValue($0) == nil }
            if digits > 4 && !separated {
                throw JSONataError(
                    code: "D3134",
                    message: "The timezone integer format specifier cannot have "
                        + "more than four digits")
            }
            presentation = .timezone(String(modifier))
        default:
            if let letterCase = Self.nameCase(modifier) {
                guard "MxFP".contains(component) else {
                    throw JSONataError(
                        code: "D3133",
                        message: "The 'name' modifier can only be applied to months "
                            + "and days in the date/time picture string, not \(component)")
                }
                presentation = .name(letterCase)
            } else {
                presentation = .integer(try IntegerPicture(token: modifier, ordinal: ordinal))
            }
        }
    }

    /// The presentation a component gets when the marker gives none.
    static func defaultPresentation(_ component: Character) -> String {
        switch component {
        case "F", "P", "C", "E": return "n"
        case "m", "s": return "01"
        case "Z", "z": return "01:01"
        default: return "1"
        }
    }

    /// The letter case of a name presentation `N`, `n` or `Nn`.
    private static func nameCase(_ modifier: Substring) -> IntegerPicture.LetterCase? {
        switch modifier {
        case "N": return .upper
        case "n": return .lower
        case "Nn": return .title
        default: return nil
        }
    }
}
