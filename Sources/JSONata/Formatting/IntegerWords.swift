/// English number words for `$formatInteger` / `$parseInteger` pictures `w`, `W` and `Ww`, cardinal
/// ("twenty-one") and ordinal ("twenty-first"), in the British style JSONata uses: "and" after hundreds and
/// before a final part below one hundred, commas between thousands groups, and scales up to trillion that
/// repeat for larger numbers ("one thousand trillion").
enum IntegerWords {
    private static let units = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    private static let unitOrdinals = [
        "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
        "nineteenth",
    ]
    private static let tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    private static let tenOrdinals = [
        "", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth",
    ]
    private static let scales: [(value: Int, name: String)] = [
        (1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand"),
    ]

    /// The value of each word `parse` understands; scales are marked separately.
    private static let wordValues: [String: Double] = {
        var values: [String: Double] = [:]
        for (index, word) in units.enumerated() { values[word] = Double(index) }
        for (index, word) in unitOrdinals.enumerated() { values[word] = Double(index) }
        for index in 2..<10 {
            values[tens[index]] = Double(index * 10)
            values[tenOrdinals[index]] = Double(index * 10)
        }
        return values
    }()
    private static let scaleValues: [String: Double] = [
        "hundred": 100, "hundredth": 100, "thousand": 1e3, "thousandth": 1e3, "million": 1e6, "millionth": 1e6,
        "billion": 1e9, "billionth": 1e9, "trillion": 1e12, "trillionth": 1e12,
    ]

    /// Whether `word` (lower case) can be part of a number in words, including "and".
    static func isNumberWord(_ word: String) -> Bool {
        word == "and" || wordValues[word] != nil || scaleValues[word] != nil
    }

    /// The lower-case words for a non-negative integer given as decimal digits (no leading zeros; empty for 0).
    static func words(digits: [UInt8], ordinal: Bool) -> String {
        guard digits.count > 12 else {
            return words(digits.reduce(0) { $0 * 10 + Int($1) }, ordinal: ordinal)
        }
        let high = Array(digits.dropLast(12))
        let low = digits.suffix(12).reduce(0) { $0 * 10 + Int($1) }
        return words(digits: high, ordinal: false) + " trillion" + tail(low, ordinal: ordinal)
    }

    /// The lower-case words for `number`, which is below 10¹².
    private static func words(_ number: Int, ordinal: Bool) -> String {
        for (value, name) in scales where number >= value {
            return words(number / value, ordinal: false) + " " + name + tail(number % value, ordinal: ordinal)
        }
        if number >= 100 {
            let rest = number % 100
            let head = units[number / 100] + " hundred"
            if rest == 0 { return ordinal ? head + "th" : head }
            return head + " and " + words(rest, ordinal: ordinal)
        }
        if number >= 20 {
            let unit = number % 10
            if unit == 0 { return ordinal ? tenOrdinals[number / 10] : tens[number / 10] }
            return tens[number / 10] + "-" + (ordinal ? unitOrdinals[unit] : units[unit])
        }
        return ordinal ? unitOrdinals[number] : units[number]
    }

    /// What follows a scale word: nothing (or "th" for an ordinal), " and …" below one hundred, ", …" otherwise.
    private static func tail(_ rest: Int, ordinal: Bool) -> String {
        if rest == 0 { return ordinal ? "th" : "" }
        return (rest < 100 ? " and " : ", ") + words(rest, ordinal: ordinal)
    }

    /// Capitalises the first letter of every word except "and" ("Five Hundred and Fifty-Five").
    static func titleCased(_ text: String) -> String {
        var output = ""
        var word = ""
        func flush() {
            if word != "and", let first = word.first {
                output += first.uppercased() + word.dropFirst()
            } else {
                output += word
            }
            word = ""
        }
        for character in text {
            if character == " " || character == "-" || character == "," {
                flush()
                output.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return output
    }

    /// The value of English number words, cardinal or ordinal, in any letter case; `nil` when the text holds
    /// anything else or no number word.
    static func parse(_ text: String) -> Double? {
        var total = 0.0
        var current = 0.0
        var sawNumber = false
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," })
        for word in words.map(String.init) where word != "and" {
            if let value = wordValues[word] {
                current += value
            } else if let scale = scaleValues[word] {
                if scale == 100 {
                    current = (current == 0 ? 1 : current) * 100
                } else if current == 0 {
                    total = (total == 0 ? 1 : total) * scale
                } else {
                    total += current * scale
                    current = 0
                }
            } else {
                return nil
            }
            sawNumber = true
        }
        return sawNumber ? total + current : nil
    }
}
