/// An analysed `$formatInteger` / `$parseInteger` picture (XPath F&O 3.1 §4.6.1): a primary format token and
/// an optional format modifier after the last `;` (`o` for ordinal, `c` for cardinal).
struct IntegerPicture: Equatable {
    /// The letter case of a word or name presentation.
    enum LetterCase: Equatable {
        /// "twenty-one"
        case lower
        /// "TWENTY-ONE"
        case upper
        /// "Twenty-One"
        case title
    }

    /// The kind of numbering the primary token asks for.
    enum Primary: Equatable {
        /// Digits, as in `0001` or `#,##0`.
        case decimal(DecimalDigitPattern)
        /// Letters `a`…`z`, `aa`…; upper case for `A`.
        case alphabetic(uppercase: Bool)
        /// Roman numerals; upper case for `I`.
        case roman(uppercase: Bool)
        /// English words: `w`, `W` or `Ww`.
        case words(LetterCase)
    }

    /// The numbering.
    var primary: Primary
    /// Whether the ordinal form ("1st", "first") is asked for.
    var ordinal: Bool

    /// Analyses a full picture such as `#,##0;o`.
    ///
    /// - Throws: `JSONataError` D3130 for an unsupported token, D3131 for mixed digit families.
    init(_ picture: String) throws(JSONataError) {
        var token = Substring(picture)
        var ordinal = false
        if let semicolon = picture.lastIndex(of: ";") {
            token = picture[..<semicolon]
            ordinal = picture[picture.index(after: semicolon)...].hasPrefix("o")
        }
        try self.init(token: token, ordinal: ordinal)
    }

    /// Analyses a primary format token without modifier.
    ///
    /// - Throws: `JSONataError` D3130 for an unsupported token, D3131 for mixed digit families.
    init(token: some StringProtocol, ordinal: Bool) throws(JSONataError) {
        self.ordinal = ordinal
        switch token {
        case "a": primary = .alphabetic(uppercase: false)
        case "A": primary = .alphabetic(uppercase: true)
        case "i": primary = .roman(uppercase: false)
        case "I": primary = .roman(uppercase: true)
        case "w": primary = .words(.lower)
        case "W": primary = .words(.upper)
        case "Ww": primary = .words(.title)
        default:
            guard let pattern = try DecimalDigitPattern(token: token) else {
                throw JSONataError(
                    code: "D3130",
                    message: "Formatting or parsing an integer as a sequence starting "
                        + "with '\(token.first.map(String.init) ?? "")' is not supported")
            }
            primary = .decimal(pattern)
        }
    }

    /// Formats `value` (truncated toward zero to an integer); `minimumDigits` widens a decimal pattern.
    func format(_ value: Double, minimumDigits: Int = 0) -> String {
        let magnitude = Swift.abs(value).integralPart
        let sign = value <= -1 ? "-" : ""
        let digits = DecimalDigits(magnitude).integerDigits
        switch primary {
        case .decimal(let pattern):
            let text = pattern.format(digits: digits, minimumDigits: minimumDigits)
            return sign + text + (ordinal ? DecimalDigitPattern.ordinalSuffix(digits: digits) : "")
        case .alphabetic(let uppercase):
            guard magnitude < 1e18 else { return sign + DecimalDigitPattern.plain(digits) }
            let text = AlphabeticNumerals.format(Int(magnitude))
            return sign + (uppercase ? text.uppercased() : text)
        case .roman(let uppercase):
            guard magnitude < 100_000 else { return sign + DecimalDigitPattern.plain(digits) }
            let text = RomanNumerals.format(Int(magnitude))
            return sign + (uppercase ? text.uppercased() : text)
        case .words(let letterCase):
            let text = (sign.isEmpty ? "" : "minus ") + IntegerWords.words(digits: digits, ordinal: ordinal)
            switch letterCase {
            case .lower: return text
            case .upper: return text.uppercased()
            case .title: return IntegerWords.titleCased(text)
            }
        }
    }

    /// Reads `text` as this picture writes numbers; `nil` when it does not fit the picture.
    func parse(_ text: some StringProtocol) -> Double? {
        switch primary {
        case .decimal(let pattern):
            var body = Substring(text)
            var negative = false
            if body.first == "-" {
                negative = true
                body = body.dropFirst()
            }
            if ordinal {
                let suffix = body.suffix(2).lowercased()
                if ["st", "nd", "rd", "th"].contains(suffix) { body = body.dropLast(2) }
            }
            guard let value = pattern.parse(body) else { return nil }
            return negative ? -value : value
        case .alphabetic:
            return AlphabeticNumerals.parse(String(text)).map(Double.init)
        case .roman:
            return RomanNumerals.parse(String(text)).map(Double.init)
        case .words:
            var body = String(text).lowercased()
            var negative = false
            if body.hasPrefix("minus ") {
                negative = true
                body.removeFirst(6)
            }
            guard let value = IntegerWords.parse(body) else { return nil }
            return negative ? -value : value
        }
    }
}

/// Formats `value` as JSONata's `$formatInteger(number, picture)`: decimal digit patterns with grouping and
/// optional digits in any Unicode digit family, `a`/`A` letters, `i`/`I` Roman numerals, `w`/`W`/`Ww` English
/// words, and the `;o` ordinal modifier ("1st", "twenty-first").
///
/// - Throws: `JSONataError` D3130 (unsupported picture) or D3131 (mixed digit families).
func formatInteger(_ value: Double, picture: String) throws(JSONataError) -> String {
    try IntegerPicture(picture).format(value)
}

/// Parses `string` as JSONata's `$parseInteger(string, picture)`, the inverse of `formatInteger` for the
/// same picture; `nil` when the string does not match the picture.
///
/// - Throws: `JSONataError` D3130 (unsupported picture) or D3131 (mixed digit families).
func parseInteger(_ string: String, picture: String) throws(JSONataError) -> Double? {
    try IntegerPicture(picture).parse(string)
}
