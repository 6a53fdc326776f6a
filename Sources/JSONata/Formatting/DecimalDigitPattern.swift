/// The decimal-digit-pattern form of an integer picture's primary token (XPath F&O 3.1 §4.6.1), such as
/// `0001`, `#,##0` or `##0` in another Unicode digit family: mandatory digits, optional `#` digits and
/// grouping separators (any other non-alphanumeric character).
struct DecimalDigitPattern: Equatable {
    /// A grouping separator and its position, counted in digits from the right.
    struct Separator: Equatable {
        /// Digits to the right of the separator.
        var position: Int
        /// The separator character.
        var character: Character
    }

    /// The code point of the digit family's zero.
    var zero: UInt32
    /// The number of mandatory digits: the fewest digits written.
    var mandatoryDigits: Int
    /// The number of optional (`#`) digits.
    var optionalDigits: Int
    /// Grouping separators, nearest the right first.
    var separators: [Separator]
    /// The separator that repeats every `interval` digits when the grouping is regular.
    var regular: Separator?

    /// Analyses `token`; `nil` when it is not a decimal digit pattern (it holds a letter or no digit).
    ///
    /// - Throws: `JSONataError` D3131 when the digits come from more than one digit family.
    init?(token: some StringProtocol) throws(JSONataError) {
        var zero: UInt32?
        var mandatory = 0
        var optional = 0
        var separators: [Separator] = []
        var digitsSeen = 0
        for character in token.reversed() {
            if let value = Self.decimalValue(character), let scalar = character.unicodeScalars.first {
                let family = scalar.value - UInt32(value)
                if let zero, zero != family {
                    throw JSONataError(
                        code: "D3131",
                        message: "In a decimal digit pattern, all digits must be "
                            + "from the same decimal group")
                }
                zero = family
                mandatory += 1
                digitsSeen += 1
            } else if character == "#" {
                optional += 1
                digitsSeen += 1
            } else if character.isLetter || character.isNumber {
                return nil
            } else {
                separators.append(Separator(position: digitsSeen, character: character))
            }
        }
        guard let zero else { return nil }
        self.zero = zero
        mandatoryDigits = mandatory
        optionalDigits = optional
        self.separators = separators.filter { $0.position > 0 }
        regular = nil
        if let first = self.separators.first, first.position > 0 {
            let isRegular = self.separators.enumerated().allSatisfy { index, separator in
                separator.character == first.character && separator.position == first.position * (index + 1)
            }
            if isRegular { regular = first }
        }
    }

    /// The value 0–9 of a Unicode decimal digit (general category Nd).
    static func decimalValue(_ character: Character) -> Int? {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar.properties.numericType == .decimal,
            let value = scalar.properties.numericValue
        else { return nil }
        return Int(value)
    }

    /// Writes `digits` (most significant first) padded to the mandatory digits or `minimumDigits`, whichever
    /// is more, with the pattern's grouping separators and digit family.
    func format(digits: [UInt8], minimumDigits: Int = 0) -> String {
        let width = Swift.max(mandatoryDigits, minimumDigits)
        var padded = digits
        if padded.count < width {
            padded.insert(contentsOf: [UInt8](repeating: 0, count: width - padded.count), at: 0)
        }
        var output = ""
        let count = padded.count
        for (index, digit) in padded.enumerated() {
            let fromRight = count - index
            if index > 0 {
                if let regular {
                    if fromRight % regular.position == 0 { output.append(regular.character) }
                } else if let separator = separators.first(where: { $0.position == fromRight }) {
                    output.append(separator.character)
                }
            }
            output.unicodeScalars.append(Unicode.Scalar(zero + UInt32(digit)) ?? "0")
        }
        return output
    }

    /// Reads digits of the pattern's family, skipping its grouping separators; `nil` for any other character
    /// or when there is no digit.
    func parse(_ text: some StringProtocol) -> Double? {
        var value = 0.0
        var sawDigit = false
        let separatorCharacters = Set(separators.map(\.character))
        for character in text {
            if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                scalar.value >= zero, scalar.value <= zero + 9
            {
                value = value * 10 + Double(scalar.value - zero)
                sawDigit = true
            } else if !separatorCharacters.contains(character) {
                return nil
            }
        }
        return sawDigit ? value : nil
    }

    /// Whether `character` is a digit of the pattern's family or one of its grouping separators.
    func accepts(_ character: Character) -> Bool {
        if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
            scalar.value >= zero, scalar.value <= zero + 9
        {
            return true
        }
        return separators.contains { $0.character == character }
    }

    /// Whether `character` is a digit of the pattern's family.
    func isDigit(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return false }
        return scalar.value >= zero && scalar.value <= zero + 9
    }

    /// The English ordinal suffix for a number ending in `digits`: st, nd, rd or th.
    static func ordinalSuffix(digits: [UInt8]) -> String {
        let last = digits.last ?? 0
        let tens = digits.count > 1 ? digits[digits.count - 2] : 0
        if tens == 1 { return "th" }
        switch last {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    /// ASCII digits, for values too large for letters or Roman numerals.
    static func plain(_ digits: [UInt8]) -> String {
        digits.isEmpty ? "0" : String(digits.map { Character(String($0)) })
    }
}
