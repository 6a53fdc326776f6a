/// Writes instants with date/time pictures: the engine of `$fromMillis`.
enum DateTimeFormatter {
    /// The largest magnitude of milliseconds accepted (JavaScript's date range, ±100,000,000 days).
    static let millisecondsLimit = 8.64e15

    /// Writes `fields` following `picture`.
    static func format(_ fields: DateTimeFields, picture: DateTimePicture) -> String {
        var output = ""
        for item in picture.items {
            switch item {
            case .literal(let text): output += text
            case .marker(let marker): output += format(fields, marker: marker)
            }
        }
        return output
    }

    /// Writes one component.
    static func format(_ fields: DateTimeFields, marker: DateTimeMarker) -> String {
        switch marker.presentation {
        case .calendar:
            return "ISO"
        case .timezone(let pattern):
            let text = timezone(fields.offsetMinutes, pattern: pattern, zuluForZero: marker.zuluForZero)
            return marker.component == "z" && text != "Z" ? "GMT" + text : text
        case .name(let letterCase):
            let name: String
            switch marker.component {
            case "M": name = EnglishCalendarNames.months[fields.month - 1]
            case "x": name = EnglishCalendarNames.months[fields.weekMonth - 1]
            case "F": name = EnglishCalendarNames.days[fields.weekday - 1]
            default: name = EnglishCalendarNames.dayPeriods[fields.hour < 12 ? 0 : 1]
            }
            var text = EnglishCalendarNames.cased(name, letterCase)
            if let maximum = marker.maximumWidth, text.count > maximum { text = String(text.prefix(maximum)) }
            if let minimum = marker.minimumWidth, text.count < minimum {
                text += String(repeating: " ", count: minimum - text.count)
            }
            return text
        case .integer(let picture):
            if marker.component == "f", case .decimal(let pattern) = picture.primary {
                return fractionalSeconds(fields.millisecond, pattern: pattern, marker: marker)
            }
            var value = integerValue(fields, component: marker.component)
            if marker.component == "Y", let maximum = marker.maximumWidth, maximum > 0, maximum < 18 {
                var modulus = 1
                for _ in 0..<maximum { modulus *= 10 }
                value %= modulus
            }
            return picture.format(Double(value), minimumDigits: marker.minimumWidth ?? 0)
        }
    }

    /// The number a component stands for.
    static func integerValue(_ fields: DateTimeFields, component: Character) -> Int {
        switch component {
        case "Y": return fields.year
        case "M": return fields.month
        case "D": return fields.day
        case "d": return fields.dayOfYear
        case "F": return fields.weekday
        case "W": return fields.isoWeek
        case "w": return fields.weekOfMonth
        case "X": return fields.isoWeekYear
        case "x": return fields.weekMonth
        case "H": return fields.hour
        case "h": return fields.hour % 12 == 0 ? 12 : fields.hour % 12
        case "P": return fields.hour < 12 ? 1 : 2
        case "m": return fields.minute
        case "s": return fields.second
        default: return fields.millisecond
        }
    }

    /// Fractional seconds: the digits of the fraction, at least the mandatory digits (or minimum width), at
    /// most all the pattern's digits (or maximum width), trailing zeros dropped beyond the minimum.
    static func fractionalSeconds(_ millisecond: Int, pattern: DecimalDigitPattern, marker: DateTimeMarker) -> String {
        let minimum = Swift.max(pattern.mandatoryDigits, marker.minimumWidth ?? 0)
        let maximum = Swift.max(marker.maximumWidth ?? (pattern.mandatoryDigits + pattern.optionalDigits), minimum)
        var digits: [UInt8] = [UInt8(millisecond / 100), UInt8(millisecond / 10 % 10), UInt8(millisecond % 10)]
        if digits.count < maximum { digits += [UInt8](repeating: 0, count: maximum - digits.count) }
        digits = Array(digits.prefix(maximum))
        while digits.count > minimum, digits.last == 0 { digits.removeLast() }
        var output = ""
        for digit in digits { output.unicodeScalars.append(Unicode.Scalar(pattern.zero + UInt32(digit)) ?? "0") }
        return output
    }

    /// A time zone offset following a digit pattern: `01:01` → `+05:30`, `0` → `+5:30` or `-5`, `0101` → `+0530`.
    static func timezone(_ offsetMinutes: Int, pattern: String, zuluForZero: Bool) -> String {
        if offsetMinutes == 0 && zuluForZero { return "Z" }
        let sign = offsetMinutes < 0 ? "-" : "+"
        let hours = Swift.abs(offsetMinutes) / 60
        let minutes = Swift.abs(offsetMinutes) % 60
        var zero: UInt32 = 48
        var hourDigits = 0
        var minuteDigits = 0
        var separator: Character?
        for character in pattern {
            if let value = DecimalDigitPattern.decimalValue(character), let scalar = character.unicodeScalars.first {
                zero = scalar.value - UInt32(value)
                if separator == nil { hourDigits += 1 } else { minuteDigits += 1 }
            } else if separator == nil {
                separator = character
            }
        }
        func digits(_ value: Int, width: Int) -> String {
            var text = ""
            for digit in DecimalDigits(Double(value)).integerDigits {
                text.unicodeScalars.append(Unicode.Scalar(zero + UInt32(digit)) ?? "0")
            }
            let padding = Swift.max(width, 1) - text.count
            if padding > 0 {
                text = String(repeating: Character(Unicode.Scalar(zero) ?? "0"), count: padding) + text
            }
            return text
        }
        if let separator {
            return sign + digits(hours, width: hourDigits) + String(separator) + digits(minutes, width: 2)
        }
        if hourDigits <= 2 {
            return sign + digits(hours, width: hourDigits) + (minutes == 0 ? "" : ":" + digits(minutes, width: 2))
        }
        return sign + digits(hours, width: hourDigits - 2) + digits(minutes, width: 2)
    }

    /// The offset in minutes of a time zone argument such as `+0100`, `-0500`, `0000` or `+05:30`; `nil`
    /// when it is not of that form.
    static func offsetMinutes(_ timezone: String) -> Int? {
        var text = Substring(timezone)
        var sign = 1
        if let first = text.first, first == "+" || first == "-" {
            sign = first == "-" ? -1 : 1
            text = text.dropFirst()
        }
        let digits = text.filter { $0 != ":" }
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(digits)
        else { return nil }
        if digits.count <= 2 { return sign * value * 60 }
        return sign * (value / 100 * 60 + value % 100)
    }

    /// Whole milliseconds for a finite value within JavaScript's date range.
    static func wholeMilliseconds(_ millis: Double) throws(JSONataError) -> Int64 {
        guard millis.isFinite, Swift.abs(millis) <= millisecondsLimit else {
            throw JSONataError(code: "D3110", message: "The value \(millis) is not a valid timestamp in milliseconds")
        }
        return Int64(millis.floorValue)
    }
}

/// Formats an instant as JSONata's `$fromMillis(number [, picture [, timezone]])`.
///
/// Without picture and time zone the result is ISO 8601 exactly like JavaScript's `Date.toISOString()`
/// (`2017-11-07T15:07:54.972Z`); with a time zone but no picture it follows
/// `[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]`. Pictures use XPath's date/time components
/// (`[Y] [M] [D] [d] [F] [W] [w] [X] [x] [H] [h] [P] [m] [s] [f] [Z] [z] [C] [E]`) with presentation and width
/// modifiers; `timezone` is an offset such as `+0100` or `-0500` (an unreadable one counts as UTC).
///
/// - Throws: `JSONataError` D3110 (not a finite timestamp in range), D3130–D3135 (invalid picture).
func formatDateTime(millis: Double, picture: String?, timezone: String?) throws(JSONataError) -> String {
    let milliseconds = try DateTimeFormatter.wholeMilliseconds(millis)
    guard picture != nil || timezone != nil else { return ISO8601Timestamp.format(milliseconds) }
    let offset = timezone.flatMap(DateTimeFormatter.offsetMinutes) ?? 0
    let parsed = try DateTimePicture(picture ?? DateTimePicture.iso8601)
    return DateTimeFormatter.format(DateTimeFields(milliseconds: milliseconds, offsetMinutes: offset), picture: parsed)
}
