/// The decimal-format properties that `$formatNumber` accepts in its options object (XPath F&O 3.1 §4.7.2).
///
/// Characters that are matched while analysing the picture (separators, digits, zero digit) use the first
/// character of the option's value; texts that are only written out (infinity, NaN, minus sign, percent and
/// per-mille signs) are used whole, so `{"per-mille": "pm"}` works as JSONata's documentation shows.
struct NumberFormatSymbols: Equatable {
    /// Separates the integer and fractional parts (`decimal-separator`).
    var decimalSeparator: Character = "."
    /// Separates groups of integer or fractional digits (`grouping-separator`).
    var groupingSeparator: Character = ","
    /// Introduces the exponent (`exponent-separator`).
    var exponentSeparator: Character = "e"
    /// Written for an infinite value (`infinity`).
    var infinity = "Infinity"
    /// Written before negative numbers and exponents (`minus-sign`).
    var minusSign = "-"
    /// Written for NaN (`NaN`).
    var notANumber = "NaN"
    /// Marks a percentage (`percent`).
    var percent = "%"
    /// Marks a per-mille value (`per-mille`).
    var perMille = "\u{2030}"
    /// The zero of the digit family used in the picture and the output (`zero-digit`).
    var zeroDigit: Unicode.Scalar = "0"
    /// The optional-digit sign (`digit`).
    var optionalDigit: Character = "#"
    /// Separates the positive and negative sub-pictures (`pattern-separator`).
    var patternSeparator: Character = ";"

    /// The default symbols.
    init() {}

    /// Symbols with the given options applied; unknown keys and empty values are ignored.
    init(options: [String: String]) {
        for (key, value) in options {
            guard let first = value.first else { continue }
            switch key {
            case "decimal-separator": decimalSeparator = first
            case "grouping-separator": groupingSeparator = first
            case "exponent-separator": exponentSeparator = first
            case "infinity": infinity = value
            case "minus-sign": minusSign = value
            case "NaN": notANumber = value
            case "percent": percent = value
            case "per-mille": perMille = value
            case "zero-digit": zeroDigit = first.unicodeScalars.first ?? "0"
            case "digit": optionalDigit = first
            case "pattern-separator": patternSeparator = first
            default: continue
            }
        }
    }

    /// The value 0–9 of `character` when it belongs to the digit family starting at `zeroDigit`.
    func digitValue(_ character: Character) -> Int? {
        let scalars = character.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar.value >= zeroDigit.value,
            scalar.value <= zeroDigit.value + 9
        else { return nil }
        return Int(scalar.value - zeroDigit.value)
    }

    /// The character for `digit` (0–9) in the digit family starting at `zeroDigit`.
    func character(forDigit digit: UInt8) -> Character {
        Character(Unicode.Scalar(zeroDigit.value + UInt32(digit)) ?? "0")
    }
}
