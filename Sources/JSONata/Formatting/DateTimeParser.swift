/// Reads timestamps with date/time pictures: the engine of `$toMillis(timestamp, picture)`.
///
/// The picture is matched against the whole string with backtracking, so that adjacent components
/// (`[Y0001][M01]`) and words followed by literal text (`[Dw] of [MNn]`) split where they must. The
/// components found are then combined: high-order parts that are missing come from `now`, low-order parts
/// default to the start of their period, and a gap in between is an error.
struct DateTimeParser {
    private let items: [DateTimePicture.Item]
    private let input: [Character]

    /// A parser for one string against one analysed picture.
    init(picture: DateTimePicture, input: String) {
        items = picture.items
        self.input = Array(input)
    }

    /// The component values when the whole string matches the picture: `P` is 0 (am) or 1 (pm), `f` is in
    /// milliseconds, `Z` is the offset in minutes.
    func match() -> [Character: Int]? {
        var values: [Character: Int] = [:]
        var budget = Self.stepBudget
        return match(item: 0, position: 0, values: &values, budget: &budget) ? values : nil
    }

    /// The most matching steps one parse may take; beyond it the string counts as not matching, so that
    /// pathological pictures cannot make backtracking run away.
    static let stepBudget = 100_000

    /// The largest value a component may have, which keeps the arithmetic on instants far from overflow.
    static let largestValue = 10_000_000

    private static func bounded(_ value: Double) -> Int? {
        value <= Double(largestValue) ? Int(value) : nil
    }

    private func match(item: Int, position: Int, values: inout [Character: Int], budget: inout Int) -> Bool {
        budget -= 1
        guard budget > 0 else { return false }
        guard item < items.count else { return position == input.count }
        switch items[item] {
        case .literal(let text):
            var index = position
            for character in text {
                guard index < input.count, input[index] == character else { return false }
                index += 1
            }
            return match(item: item + 1, position: index, values: &values, budget: &budget)
        case .marker(let marker):
            var adjacent = false
            if item + 1 < items.count, case .marker = items[item + 1] { adjacent = true }
            for (end, value) in candidates(marker, at: position, adjacent: adjacent) {
                let previous = values[marker.component]
                values[marker.component] = value
                if match(item: item + 1, position: end, values: &values, budget: &budget) { return true }
                values[marker.component] = previous
            }
            return false
        }
    }

    /// The ways `marker` can match at `position`, longest first, as end positions and values.
    private func candidates(_ marker: DateTimeMarker, at position: Int, adjacent: Bool) -> [(Int, Int)] {
        switch marker.presentation {
        case .calendar:
            let iso: [Character] = ["I", "S", "O"]
            if position + 3 <= input.count && Array(input[position..<(position + 3)]) == iso {
                return [(position + 3, 0)]
            }
            return [(position, 0)]
        case .timezone:
            return timezoneCandidate(at: position).map { [$0] } ?? []
        case .name:
            let names: [String]
            switch marker.component {
            case "M", "x": names = EnglishCalendarNames.months
            case "F": names = EnglishCalendarNames.days
            default: names = EnglishCalendarNames.dayPeriods
            }
            var found: [(Int, Int)] = []
            for (index, name) in names.enumerated() {
                var forms = [name, String(name.prefix(3))]
                if let maximum = marker.maximumWidth { forms.append(String(name.prefix(maximum))) }
                for form in Set(forms) where matches(form, at: position) {
                    found.append((position + form.count, marker.component == "P" ? index : index + 1))
                }
            }
            return found.sorted { $0.0 > $1.0 }
        case .integer(let picture):
            return integerCandidates(picture, marker: marker, at: position, adjacent: adjacent)
        }
    }

    private func integerCandidates(
        _ picture: IntegerPicture, marker: DateTimeMarker, at position: Int, adjacent: Bool
    ) -> [(Int, Int)] {
        var found: [(Int, Int)] = []
        switch picture.primary {
        case .decimal(let pattern):
            let limit = marker.maximumWidth ?? (adjacent ? pattern.mandatoryDigits + pattern.optionalDigits : Int.max)
            var end = position
            var digits = 0
            while end < input.count, digits < limit, pattern.accepts(input[end]) {
                if pattern.isDigit(input[end]) { digits += 1 }
                end += 1
            }
            while end > position {
                if pattern.isDigit(input[end - 1]) {
                    let text = input[position..<end]
                    let value: Int?
                    if marker.component == "f" {
                        let fraction = text.filter(pattern.isDigit).compactMap { pattern.parse(String($0)) }
                        value = (fraction + [0, 0, 0]).prefix(3).reduce(0) { $0 * 10 + Int($1) }
                    } else {
                        value = pattern.parse(String(text)).flatMap(Self.bounded)
                    }
                    if let value {
                        if picture.ordinal && end + 2 <= input.count,
                            ["st", "nd", "rd", "th"].contains(String(input[end..<(end + 2)]).lowercased())
                        {
                            found.append((end + 2, value))
                        }
                        found.append((end, value))
                    }
                }
                end -= 1
            }
        case .roman:
            var end = position
            while end < input.count, "ivxlcdmIVXLCDM".contains(input[end]) { end += 1 }
            while end > position {
                if let value = RomanNumerals.parse(String(input[position..<end])), value <= Self.largestValue {
                    found.append((end, value))
                }
                end -= 1
            }
        case .alphabetic:
            var end = position
            while end < input.count, input[end].isASCII, input[end].isLetter { end += 1 }
            while end > position {
                if let value = AlphabeticNumerals.parse(String(input[position..<end])), value <= Self.largestValue {
                    found.append((end, value))
                }
                end -= 1
            }
        case .words:
            var ends: [Int] = []
            var index = position
            while true {
                var wordEnd = index
                while wordEnd < input.count, input[wordEnd].isLetter { wordEnd += 1 }
                let word = String(input[index..<wordEnd]).lowercased()
                guard wordEnd > index, IntegerWords.isNumberWord(word) else { break }
                if word != "and" { ends.append(wordEnd) }
                index = wordEnd
                if index < input.count, input[index] == "," { index += 1 }
                guard index < input.count, input[index] == " " || input[index] == "-" else { break }
                index += 1
            }
            for end in ends.reversed() {
                if let value = IntegerWords.parse(String(input[position..<end])).flatMap(Self.bounded) {
                    found.append((end, value))
                }
            }
        }
        return found
    }

    /// A time zone such as `Z`, `+02:00`, `+0530`, `GMT-5` or `GMT-05:00`, as its offset in minutes.
    private func timezoneCandidate(at position: Int) -> (Int, Int)? {
        var index = position
        if matches("GMT", at: index) { index += 3 }
        if index < input.count && input[index] == "Z" { return (index + 1, 0) }
        guard index < input.count, input[index] == "+" || input[index] == "-" else {
            return index > position ? (index, 0) : nil
        }
        let sign = input[index] == "-" ? -1 : 1
        index += 1
        var digits: [Int] = []
        while index < input.count, digits.count < 4, input[index].isASCII, let digit = input[index].wholeNumberValue {
            digits.append(digit)
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        var hours = digits.reduce(0) { $0 * 10 + $1 }
        var minutes = 0
        if digits.count > 2 {
            minutes = hours % 100
            hours /= 100
        } else if index + 2 < input.count, input[index] == ":", let tens = input[index + 1].wholeNumberValue,
            let units = input[index + 2].wholeNumberValue
        {
            minutes = tens * 10 + units
            index += 3
        }
        return (index, sign * (hours * 60 + minutes))
    }

    /// Whether `text` appears at `position`, ignoring letter case.
    private func matches(_ text: String, at position: Int) -> Bool {
        var index = position
        for character in text {
            guard index < input.count, input[index].lowercased() == character.lowercased() else { return false }
            index += 1
        }
        return true
    }

    /// Checks that the picture's components can determine an instant.
    ///
    /// - Throws: `JSONataError` D3136 for week-based dates (not supported) or a gap between the most and least
    ///   significant components given (such as month and minute without day and hour).
    static func validate(_ picture: DateTimePicture) throws(JSONataError) {
        var present: Set<Character> = []
        for case .marker(let marker) in picture.items { present.insert(marker.component) }
        if !present.isDisjoint(with: ["W", "w", "X", "x"]) {
            throw missingSpecifiers()
        }
        let order = sequence(present)
        let indices = order.indices.filter { has(order[$0], present) }
        guard let first = indices.first, let last = indices.last else { throw missingSpecifiers() }
        for index in first...last where !has(order[index], present) {
            throw missingSpecifiers()
        }
    }

    /// The components from most to least significant: year, month, day (or day of year), hour, minute,
    /// second, fraction.
    private static func sequence(_ present: Set<Character>) -> [Character] {
        let usesDayOfYear = present.contains("d") && !present.contains("M") && !present.contains("D")
        return usesDayOfYear ? ["Y", "d", "H", "m", "s", "f"] : ["Y", "M", "D", "H", "m", "s", "f"]
    }

    private static func has(_ component: Character, _ present: Set<Character>) -> Bool {
        component == "H" ? present.contains("H") || present.contains("h") : present.contains(component)
    }

    private static func missingSpecifiers() -> JSONataError {
        JSONataError(
            code: "D3136",
            message: "The date/time picture string is missing specifiers required to "
                + "parse the timestamp")
    }

    /// The instant described by matched `values`, taking missing high-order parts from `now` (milliseconds).
    static func instant(_ values: [Character: Int], now: Double) -> Double {
        let nowMilliseconds = Int64((now.isFinite && Swift.abs(now) <= 8.64e15 ? now : 0).floorValue)
        let current = DateTimeFields(milliseconds: nowMilliseconds, offsetMinutes: 0)
        var present = Set(values.keys)
        if present.contains("h") { present.insert("H") }
        let order = sequence(present)
        let firstGiven = order.firstIndex { present.contains($0) } ?? order.count
        func value(_ component: Character, given: Int?, current: Int, start: Int) -> Int {
            if let given { return given }
            guard let index = order.firstIndex(of: component) else { return start }
            return index < firstGiven ? current : start
        }
        let twelveHour = values["h"].map { $0 % 12 + (values["P"] == 1 ? 12 : 0) }
        let hour = value("H", given: values["H"] ?? twelveHour, current: current.hour, start: 0)
        let year = value("Y", given: values["Y"], current: current.year, start: 1970)
        let days: Int
        if order.contains("d") {
            let dayOfYear = value("d", given: values["d"], current: current.dayOfYear, start: 1)
            days = CivilCalendar.days(year: year, month: 1, day: 1) + dayOfYear - 1
        } else {
            let month = value("M", given: values["M"], current: current.month, start: 1)
            let day = value("D", given: values["D"], current: current.day, start: 1)
            days = CivilCalendar.days(year: year, month: month, day: day)
        }
        let minute = value("m", given: values["m"], current: current.minute, start: 0)
        let second = value("s", given: values["s"], current: current.second, start: 0)
        let millisecond = value("f", given: values["f"], current: current.millisecond, start: 0)
        let offset = values["Z"] ?? values["z"] ?? 0
        let seconds = ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute - offset)) * 60 + Int64(second)
        return Double(seconds * 1000 + Int64(millisecond))
    }
}

/// Parses a timestamp as JSONata's `$toMillis(timestamp [, picture])`, giving milliseconds since the epoch.
///
/// Without a picture the string must be ISO 8601 (`2018`, `2017-10-30`, `2017-10-30T15:28:34Z`,
/// `2018-02-01T09:42:13.123+0000`; a time without offset is UTC). With a picture the whole string must match
/// it — names, words, ordinals, Roman numerals, letters, a 12-hour clock with am/pm, day of year, offsets —
/// and `nil` is returned when it does not. Components missing above the most significant one given come from
/// `now` (the evaluation's `$now()` in milliseconds; the epoch by default), those below the least significant
/// one default to the start of their period.
///
/// - Throws: `JSONataError` D3110 (not ISO 8601), D3130–D3135 (invalid picture), D3136 (picture cannot
///   determine an instant).
func parseDateTime(_ string: String, picture: String?, now: Double = 0) throws(JSONataError) -> Double? {
    guard let picture else { return try ISO8601Timestamp.parse(string) }
    let parsed = try DateTimePicture(picture)
    try DateTimeParser.validate(parsed)
    guard let values = DateTimeParser(picture: parsed, input: string).match() else { return nil }
    return DateTimeParser.instant(values, now: now)
}
