/// One analysed sub-picture of a `$formatNumber` picture string (XPath F&O 3.1 §4.7.4), ready to format
/// numbers (§4.7.5).
struct NumberPicture: Equatable {
    /// Passive text written before the number.
    var prefix: String
    /// Passive text written after the number.
    var suffix: String
    /// Grouping positions in the integer part, counted in digits from the decimal point.
    var integerGrouping: [Int]
    /// The interval when the integer grouping is regular and repeats to the left.
    var regularGrouping: Int?
    /// Grouping positions in the fractional part, counted in digits from the decimal point.
    var fractionGrouping: [Int]
    /// The fewest digits written before the decimal point.
    var minimumIntegerSize: Int
    /// With an exponent, the number of mantissa digits before the decimal point.
    var scalingFactor: Int
    /// The fewest digits written after the decimal point.
    var minimumFractionSize: Int
    /// The most digits written after the decimal point.
    var maximumFractionSize: Int
    /// The fewest exponent digits, or `nil` when the picture has no exponent.
    var minimumExponentSize: Int?
    /// The power of ten the value is multiplied by: 2 with a percent sign, 3 with a per-mille sign.
    var scale: Int

    /// Analyses `subPicture`, raising JSONata's D3081–D3093 errors for invalid pictures.
    init(_ subPicture: String, symbols: NumberFormatSymbols) throws(JSONataError) {
        let characters = Array(subPicture)
        let percentCount = subPicture.occurrences(of: symbols.percent)
        let perMilleCount = subPicture.occurrences(of: symbols.perMille)
        func isDigitSign(_ c: Character) -> Bool { symbols.digitValue(c) != nil || c == symbols.optionalDigit }
        func isBodyCharacter(_ c: Character) -> Bool {
            isDigitSign(c) || c == symbols.decimalSeparator || c == symbols.groupingSeparator
        }
        func isActive(_ c: Character) -> Bool {
            isBodyCharacter(c) || c == symbols.exponentSeparator || c == symbols.percent.first
                || c == symbols.perMille.first
        }

        guard let first = characters.firstIndex(where: isDigitSign) else {
            // JSONata reports a picture made only of percent or per-mille signs as misplaced active characters.
            if percentCount > 0 || perMilleCount > 0 {
                throw JSONataError(
                    code: "D3086",
                    message: "A sub-picture must not contain a passive character "
                        + "between active characters, and must contain at least one digit")
            }
            throw JSONataError(
                code: "D3085",
                message: "The mantissa part of a sub-picture must contain at least "
                    + "one decimal digit or optional digit character")
        }
        if characters.filter({ $0 == symbols.decimalSeparator }).count > 1 {
            throw JSONataError(code: "D3081", message: "A sub-picture must not contain more than one decimal separator")
        }
        if percentCount > 1 {
            throw JSONataError(code: "D3082", message: "A sub-picture must not contain more than one percent character")
        }
        if perMilleCount > 1 {
            throw JSONataError(
                code: "D3083", message: "A sub-picture must not contain more than one per-mille character")
        }
        if percentCount > 0 && perMilleCount > 0 {
            throw JSONataError(
                code: "D3084", message: "A sub-picture cannot contain both a percent and a per-mille character")
        }

        let bodyStart = characters.firstIndex(where: isBodyCharacter) ?? first
        let bodyEnd = characters.lastIndex(where: isBodyCharacter) ?? first
        let body = Array(characters[bodyStart...bodyEnd])
        prefix = String(characters[..<bodyStart])
        suffix = String(characters[(bodyEnd + 1)...])

        var exponentIndex: Int?
        for (index, c) in body.enumerated() where c == symbols.exponentSeparator && exponentIndex == nil {
            if index > 0 && index < body.count - 1 && isActive(body[index - 1]) && isActive(body[index + 1]) {
                exponentIndex = index
            }
        }
        for (index, c) in body.enumerated() where index != exponentIndex && !isActive(c) {
            throw JSONataError(
                code: "D3086",
                message: "A sub-picture must not contain a passive character '\(c)' "
                    + "between active characters")
        }
        let mantissa = exponentIndex.map { Array(body[..<$0]) } ?? body
        let exponentPart = exponentIndex.map { Array(body[($0 + 1)...]) } ?? []
        if !mantissa.contains(where: isDigitSign) {
            throw JSONataError(
                code: "D3085",
                message: "The mantissa part of a sub-picture must contain at least "
                    + "one decimal digit or optional digit character")
        }

        let decimalIndex = mantissa.firstIndex(of: symbols.decimalSeparator)
        let integerPart = decimalIndex.map { Array(mantissa[..<$0]) } ?? mantissa
        let fractionPart = decimalIndex.map { Array(mantissa[($0 + 1)...]) } ?? []
        if integerPart.last == symbols.groupingSeparator || fractionPart.first == symbols.groupingSeparator {
            throw JSONataError(
                code: "D3087",
                message: "A sub-picture must not contain a grouping separator "
                    + "next to the decimal separator or at the end of the integer part")
        }
        for index in mantissa.indices.dropLast()
        where mantissa[index] == symbols.groupingSeparator && mantissa[index + 1] == symbols.groupingSeparator {
            throw JSONataError(
                code: "D3089", message: "A sub-picture must not contain two adjacent grouping separators")
        }
        if let firstMandatory = integerPart.firstIndex(where: { symbols.digitValue($0) != nil }),
            integerPart[firstMandatory...].contains(symbols.optionalDigit)
        {
            throw JSONataError(
                code: "D3090",
                message: "The integer part of a sub-picture must not contain a "
                    + "decimal digit followed by an optional digit")
        }
        if let firstOptional = fractionPart.firstIndex(of: symbols.optionalDigit),
            fractionPart[firstOptional...].contains(where: { symbols.digitValue($0) != nil })
        {
            throw JSONataError(
                code: "D3091",
                message: "The fractional part of a sub-picture must not contain an "
                    + "optional digit followed by a decimal digit")
        }
        if exponentIndex != nil {
            if percentCount > 0 || perMilleCount > 0 {
                throw JSONataError(
                    code: "D3092",
                    message: "A sub-picture that contains a percent or per-mille "
                        + "character must not contain an exponent separator")
            }
            if exponentPart.contains(where: { symbols.digitValue($0) == nil }) {
                throw JSONataError(
                    code: "D3093",
                    message: "The exponent part of a sub-picture must contain only "
                        + "decimal digit characters")
            }
        }

        var positions: [Int] = []
        var count = 0
        for c in integerPart.reversed() {
            if c == symbols.groupingSeparator {
                positions.append(count)
            } else if isDigitSign(c) {
                count += 1
            }
        }
        integerGrouping = positions
        regularGrouping = Self.regularInterval(positions)
        positions = []
        count = 0
        for c in fractionPart {
            if c == symbols.groupingSeparator {
                positions.append(count)
            } else if isDigitSign(c) {
                count += 1
            }
        }
        fractionGrouping = positions

        let mandatoryInteger = integerPart.filter { symbols.digitValue($0) != nil }.count
        minimumIntegerSize = mandatoryInteger
        scalingFactor = mandatoryInteger
        minimumFractionSize = fractionPart.filter { symbols.digitValue($0) != nil }.count
        maximumFractionSize = fractionPart.filter(isDigitSign).count
        minimumExponentSize = exponentIndex.map { _ in exponentPart.count }
        scale = percentCount > 0 ? 2 : perMilleCount > 0 ? 3 : 0

        if mandatoryInteger == 0 && decimalIndex == nil
            && !subPicture.contains(where: { symbols.digitValue($0) != nil })
        {
            minimumIntegerSize = 1
        }
        if exponentIndex != nil && minimumIntegerSize == 0 && integerPart.contains(symbols.optionalDigit) {
            minimumIntegerSize = 1
        }
        if minimumIntegerSize == 0 && maximumFractionSize == 0 {
            if exponentIndex != nil {
                minimumFractionSize = 1
                maximumFractionSize = 1
            } else {
                minimumIntegerSize = 1
            }
        }
    }

    /// The interval `n` when `positions` (ascending) are exactly n, 2n, 3n, …; otherwise `nil`.
    private static func regularInterval(_ positions: [Int]) -> Int? {
        guard let first = positions.first, first > 0 else { return nil }
        for (index, position) in positions.enumerated() where position != first * (index + 1) {
            return nil
        }
        return first
    }

    /// Formats a non-negative, finite `value` that has already been multiplied for percent or per-mille,
    /// without the prefix and suffix.
    func formatMagnitude(_ value: Double, symbols: NumberFormatSymbols) -> String {
        var number = DecimalDigits(value)
        var exponent = 0
        if minimumExponentSize != nil && !number.isZero {
            exponent = number.pointPosition - scalingFactor
            number.pointPosition = scalingFactor
            number.round(fractionDigits: maximumFractionSize)
            if number.pointPosition > scalingFactor {
                number.pointPosition -= 1
                exponent += 1
            }
        } else {
            number.round(fractionDigits: maximumFractionSize)
        }

        var integer = number.integerDigits
        if integer.count < minimumIntegerSize {
            integer.insert(contentsOf: [UInt8](repeating: 0, count: minimumIntegerSize - integer.count), at: 0)
        }
        var fraction = number.fractionDigits
        if fraction.count < minimumFractionSize {
            fraction.append(contentsOf: [UInt8](repeating: 0, count: minimumFractionSize - fraction.count))
        }
        if integer.isEmpty && fraction.isEmpty { integer = [0] }

        var output = ""
        let integerCount = integer.count
        for (index, digit) in integer.enumerated() {
            let fromRight = integerCount - index
            if index > 0 && isGroupingPosition(fromRight) { output.append(symbols.groupingSeparator) }
            output.append(symbols.character(forDigit: digit))
        }
        if !fraction.isEmpty {
            output.append(symbols.decimalSeparator)
            for (index, digit) in fraction.enumerated() {
                if index > 0 && fractionGrouping.contains(index) { output.append(symbols.groupingSeparator) }
                output.append(symbols.character(forDigit: digit))
            }
        }
        if let minimumExponentSize {
            output.append(symbols.exponentSeparator)
            if exponent < 0 { output += symbols.minusSign }
            var digits = DecimalDigits(Double(Swift.abs(exponent))).integerDigits
            if digits.count < minimumExponentSize {
                digits.insert(contentsOf: [UInt8](repeating: 0, count: minimumExponentSize - digits.count), at: 0)
            }
            for digit in digits { output.append(symbols.character(forDigit: digit)) }
        }
        return output
    }

    /// Whether a grouping separator belongs before the digit that has `fromRight - 1` digits to its right.
    private func isGroupingPosition(_ fromRight: Int) -> Bool {
        if let regularGrouping { return fromRight % regularGrouping == 0 }
        return integerGrouping.contains(fromRight)
    }
}

/// Formats `value` with an XPath decimal-format picture, as JSONata's `$formatNumber(number, picture [, options])`.
///
/// The picture has one or two sub-pictures (positive; negative) separated by the pattern separator. Each
/// holds an optional passive prefix, mandatory (`0`–`9` of the zero-digit family) and optional (`#`) digits,
/// grouping separators (regular ones repeat), a decimal separator, an optional exponent part (`e0`) and an
/// optional passive suffix; a percent or per-mille sign multiplies the value by 100 or 1000. Rounding is
/// half-to-even on the number's shortest decimal form.
///
/// - Throws: `JSONataError` D3080 (more than two sub-pictures) and D3081–D3093 (invalid sub-picture).
func formatNumber(_ value: Double, picture: String, options: [String: String]) throws(JSONataError) -> String {
    let symbols = NumberFormatSymbols(options: options)
    let parts = picture.split(separator: symbols.patternSeparator, omittingEmptySubsequences: false)
    if parts.count > 2 {
        throw JSONataError(
            code: "D3080", message: "The picture string must not contain more than one pattern separator")
    }
    let positive = try NumberPicture(String(parts[0]), symbols: symbols)
    var chosen = positive
    if parts.count == 2 {
        let negative = try NumberPicture(String(parts[1]), symbols: symbols)
        if value < 0 { chosen = negative }
    } else if value < 0 {
        chosen.prefix = symbols.minusSign + chosen.prefix
    }
    if value.isNaN { return symbols.notANumber }
    var magnitude = Swift.abs(value)
    if chosen.scale == 2 { magnitude *= 100 }
    if chosen.scale == 3 { magnitude *= 1000 }
    if magnitude.isInfinite { return chosen.prefix + symbols.infinity + chosen.suffix }
    return chosen.prefix + chosen.formatMagnitude(magnitude, symbols: symbols) + chosen.suffix
}
