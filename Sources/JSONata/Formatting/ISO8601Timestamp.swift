/// ISO 8601 timestamps as JavaScript writes and JSONata's `$toMillis` reads them.
enum ISO8601Timestamp {
    /// `YYYY-MM-DDTHH:mm:ss.sssZ` like `Date.prototype.toISOString()`; years outside 0–9999 get a sign and
    /// six digits.
    static func format(_ milliseconds: Int64) -> String {
        let fields = DateTimeFields(milliseconds: milliseconds, offsetMinutes: 0)
        let year: String
        if fields.year >= 0 && fields.year <= 9999 {
            year = padded(fields.year, 4)
        } else {
            year = (fields.year < 0 ? "-" : "+") + padded(Swift.abs(fields.year), 6)
        }
        return year + "-" + padded(fields.month, 2) + "-" + padded(fields.day, 2) + "T" + padded(fields.hour, 2) + ":"
            + padded(fields.minute, 2) + ":" + padded(fields.second, 2) + "." + padded(fields.millisecond, 3) + "Z"
    }

    /// `value` in ASCII digits, zero-padded to `width`.
    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Reads `YYYY[-MM[-DD[THH:mm[:ss[.fff…]][Z|±HH[:]MM]]]]` (a space may replace `T`); missing parts are the
    /// start of their period, a time without offset is UTC.
    ///
    /// - Throws: `JSONataError` D3110 when the text is not of that form or a field is out of range.
    static func parse(_ text: String) throws(JSONataError) -> Double {
        var scanner = Scanner(Array(text))
        guard let value = scanner.timestamp(), scanner.atEnd else {
            throw JSONataError(
                code: "D3110",
                message: "The argument of the toMillis function must be an ISO 8601 "
                    + "formatted timestamp. Given \(text)")
        }
        return value
    }

    /// A cursor over the characters of a timestamp.
    private struct Scanner {
        let characters: [Character]
        var index = 0

        init(_ characters: [Character]) { self.characters = characters }

        var atEnd: Bool { index == characters.count }

        mutating func take(_ character: Character) -> Bool {
            guard index < characters.count, characters[index] == character else { return false }
            index += 1
            return true
        }

        mutating func number(_ count: Int) -> Int? {
            guard index + count <= characters.count else { return nil }
            var value = 0
            for character in characters[index..<(index + count)] {
                guard character.isASCII, let digit = character.wholeNumberValue else { return nil }
                value = value * 10 + digit
            }
            index += count
            return value
        }

        mutating func timestamp() -> Double? {
            guard let year = number(4) else { return nil }
            var month = 1
            var day = 1
            var hour = 0
            var minute = 0
            var second = 0
            var millisecond = 0
            var offset = 0
            if take("-") {
                guard let m = number(2), (1...12).contains(m) else { return nil }
                month = m
                if take("-") {
                    guard let d = number(2), (1...31).contains(d) else { return nil }
                    day = d
                    if take("T") || take("t") || take(" ") {
                        guard let h = number(2), h <= 24, take(":"), let mi = number(2), mi < 60 else { return nil }
                        hour = h
                        minute = mi
                        if take(":") {
                            guard let s = number(2), s < 60 else { return nil }
                            second = s
                            if take(".") {
                                var digits: [Int] = []
                                while index < characters.count, characters[index].isASCII,
                                    let digit = characters[index].wholeNumberValue
                                {
                                    digits.append(digit)
                                    index += 1
                                }
                                guard !digits.isEmpty else { return nil }
                                let padded = (digits + [0, 0, 0]).prefix(3)
                                millisecond = padded.reduce(0) { $0 * 10 + $1 }
                            }
                        }
                        if take("Z") || take("z") {
                            offset = 0
                        } else if index < characters.count, characters[index] == "+" || characters[index] == "-" {
                            let sign = characters[index] == "-" ? -1 : 1
                            index += 1
                            guard let oh = number(2) else { return nil }
                            _ = take(":")
                            guard let om = number(2) else { return nil }
                            offset = sign * (oh * 60 + om)
                        }
                    }
                }
            }
            let days = CivilCalendar.days(year: year, month: month, day: day)
            let seconds = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute - offset)) * 60 + Int64(second)
            return Double(seconds * 1000 + Int64(millisecond))
        }
    }
}
