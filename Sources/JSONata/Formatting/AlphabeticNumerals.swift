/// The `a` and `A` integer pictures: a, b, …, z, aa, ab, … like spreadsheet column names.
enum AlphabeticNumerals {
    /// The lower-case letters for `number`; empty when it is not positive.
    static func format(_ number: Int) -> String {
        var rest = number
        var scalars: [Unicode.Scalar] = []
        while rest > 0 {
            rest -= 1
            scalars.append(Unicode.Scalar(UInt8(97 + rest % 26)))
            rest /= 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }

    /// The value of a run of Latin letters in either case; `nil` for other characters or the empty string.
    static func parse(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        for scalar in text.lowercased().unicodeScalars {
            guard scalar.value >= 97 && scalar.value <= 122 else { return nil }
            let (product, overflow) = total.multipliedReportingOverflow(by: 26)
            guard !overflow else { return nil }
            total = product + Int(scalar.value - 96)
        }
        return total
    }
}
