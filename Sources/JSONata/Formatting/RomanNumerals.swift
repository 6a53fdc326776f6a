/// Roman numerals for the `i` and `I` integer pictures.
enum RomanNumerals {
    private static let symbols: [(value: Int, text: String)] = [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
        (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ]

    /// The lower-case numeral for a non-negative number; empty for zero, thousands repeat `m`.
    static func format(_ number: Int) -> String {
        var rest = number
        var output = ""
        for (value, text) in symbols {
            while rest >= value {
                output += text
                rest -= value
            }
        }
        return output
    }

    /// The value of a numeral in either case (a smaller symbol before a larger one subtracts); zero for the
    /// empty string; `nil` when a character is not a Roman digit.
    static func parse(_ text: String) -> Int? {
        var values: [Int] = []
        for character in text.lowercased() {
            switch character {
            case "i": values.append(1)
            case "v": values.append(5)
            case "x": values.append(10)
            case "l": values.append(50)
            case "c": values.append(100)
            case "d": values.append(500)
            case "m": values.append(1000)
            default: return nil
            }
        }
        var total = 0
        for (index, value) in values.enumerated() {
            if index + 1 < values.count && values[index + 1] > value {
                total -= value
            } else {
                total += value
            }
        }
        return total
    }
}
