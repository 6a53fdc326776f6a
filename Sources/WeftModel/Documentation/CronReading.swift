import Foundation

/// Reads common cron expressions in English: `0 * * * *` is "every hour at minute 0", `30 2 * * *` is
/// "every day at 02:30", `0 9 * * 1-5` is "every Monday to Friday at 09:00". Uncommon shapes give nil and the
/// documentation shows the expression alone.
public enum CronReading {
    private static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let dayAbbreviations = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    private static let monthAbbreviations = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]

    /// The expression in English, or nil when its shape is not a common one.
    public static func english(_ expression: String) -> String? {
        let trimmed = expression.trimmingCharacters(in: .whitespaces).lowercased()
        switch trimmed {
        case "@yearly", "@annually": return "every year on 1 January at 00:00"
        case "@monthly": return "on the 1st of every month at 00:00"
        case "@weekly": return "every Sunday at 00:00"
        case "@daily", "@midnight": return "every day at 00:00"
        case "@hourly": return "every hour at minute 0"
        default: break
        }
        var fields = expression.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if fields.count == 6 {
            guard fields[0] == "0" else { return nil }
            fields.removeFirst()
        }
        guard fields.count == 5 else { return nil }
        let (minute, hour, day, month, weekday) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        guard let time = timeOfDay(minute: minute, hour: hour) else { return nil }
        let dayOfMonth = day == "*" || day == "?" ? nil : values(day, range: 1...31, names: [])
        let monthOfYear = month == "*" ? nil : values(month, range: 1...12, names: monthAbbreviations, base: 1)
        let dayOfWeek = weekday == "*" || weekday == "?" ? nil : values(weekday, range: 0...7, names: dayAbbreviations)
        if (day != "*" && day != "?" && dayOfMonth == nil) || (month != "*" && monthOfYear == nil)
            || (weekday != "*" && weekday != "?" && dayOfWeek == nil)
        {
            return nil
        }
        var days: String?
        switch (dayOfMonth, monthOfYear, dayOfWeek) {
        case (nil, nil, nil): days = nil
        case (nil, nil, let weekdays?): days = weekdayText(weekdays)
        case (let dates?, nil, nil): days = "on the " + list(dates.map(ordinal)) + " of every month"
        case (let dates?, let months?, nil):
            days = "on " + list(dates.map(String.init)) + " " + list(months.map { monthNames[$0 - 1] })
        case (nil, let months?, nil): days = "in " + list(months.map { monthNames[$0 - 1] })
        case (nil, let months?, let weekdays?):
            days =
                "on " + weekdayText(weekdays) + " in "
                + list(
                    months.map { monthNames[$0 - 1] })
        default: return nil
        }
        switch (time, days) {
        case (.at(let times), nil): return "every day at " + list(times)
        case (.at(let times), let days?):
            if let weekdays = dayOfWeek, dayOfMonth == nil, monthOfYear == nil {
                return "every " + weekdayText(weekdays) + " at " + list(times)
            }
            if dayOfMonth != nil, monthOfYear != nil, dayOfWeek == nil {
                return "every year " + days + " at " + list(times)
            }
            return days + " at " + list(times)
        case (.every(let text), nil): return text
        case (.every(let text), let days?): return text + ", " + days
        }
    }

    private enum TimeOfDay {
        /// Fixed times such as `02:30`.
        case at([String])
        /// A repetition such as "every hour at minute 0".
        case every(String)
    }

    private static func timeOfDay(minute: String, hour: String) -> TimeOfDay? {
        let minutes = minute == "*" ? nil : values(minute, range: 0...59, names: [])
        let hours = hour == "*" ? nil : values(hour, range: 0...23, names: [])
        if minute != "*" && minutes == nil && step(minute) == nil { return nil }
        if hour != "*" && hours == nil && step(hour) == nil { return nil }
        let minuteStep = step(minute)
        let hourStep = step(hour)
        switch (minute, hour) {
        case ("*", "*"): return .every("every minute")
        case (_, "*") where minuteStep != nil: return .every("every \(minuteStep!) minutes")
        case (_, "*"):
            guard let minutes else { return nil }
            return .every(
                minutes.count == 1
                    ? "every hour at minute \(minutes[0])" : "every hour at minutes " + list(minutes.map(String.init)))
        case ("*", _):
            guard let hours, hourStep == nil else { return nil }
            return .every("every minute from " + list(hours.map { clock($0, 0) + " to " + clock($0, 59) }))
        default: break
        }
        if let hourStep, let minutes, minutes.count == 1 {
            return .every("every \(hourStep) hours at minute \(minutes[0])")
        }
        guard let hours else { return nil }
        if let minuteStep {
            if let range = contiguous(hours), hours.count > 1 {
                return .every(
                    "every \(minuteStep) minutes from \(clock(range.lowerBound, 0)) to "
                        + clock(range.upperBound, 59))
            }
            return .every("every \(minuteStep) minutes during hour " + list(hours.map(String.init)))
        }
        guard let minutes else { return nil }
        if hours.count > 2, minutes.count == 1, let range = contiguous(hours) {
            return .every(
                "every hour from \(clock(range.lowerBound, minutes[0])) to \(clock(range.upperBound, minutes[0]))")
        }
        guard hours.count * minutes.count <= 8 else { return nil }
        return .at(hours.flatMap { hour in minutes.map { clock(hour, $0) } })
    }

    private static func contiguous(_ values: [Int]) -> ClosedRange<Int>? {
        guard let first = values.first, let last = values.last, last - first + 1 == values.count else { return nil }
        return first...last
    }

    private static func clock(_ hour: Int, _ minute: Int) -> String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// `n` of `*/n`.
    private static func step(_ field: String) -> Int? {
        guard field.hasPrefix("*/"), let value = Int(field.dropFirst(2)), value > 0 else { return nil }
        return value
    }

    /// The values of a field made of numbers, names, ranges and lists (no steps), sorted.
    private static func values(_ field: String, range: ClosedRange<Int>, names: [String], base: Int = 0) -> [Int]? {
        var result: [Int] = []
        func number(_ text: Substring) -> Int? {
            if let value = Int(text) { return range.contains(value) ? value : nil }
            if let index = names.firstIndex(of: text.uppercased()) { return index + base }
            return nil
        }
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            if bounds.count == 1, let value = number(bounds[0]) {
                result.append(value)
            } else if bounds.count == 2, let low = number(bounds[0]), let high = number(bounds[1]), low <= high {
                result += Array(low...high)
            } else {
                return nil
            }
        }
        var seen = Set<Int>()
        return result.sorted().filter { seen.insert($0).inserted }
    }

    private static func weekdayText(_ weekdays: [Int]) -> String {
        var days = weekdays.map { $0 % 7 }
        var seen = Set<Int>()
        days = days.sorted().filter { seen.insert($0).inserted }
        if days == [1, 2, 3, 4, 5] { return "Monday to Friday" }
        if days == [0, 6] { return "Saturday and Sunday" }
        if days.count > 2, let range = contiguous(days) {
            return dayNames[range.lowerBound] + " to " + dayNames[range.upperBound]
        }
        return list(days.map { dayNames[$0] })
    }

    private static func ordinal(_ value: Int) -> String {
        let suffix: String
        switch (value % 10, value % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(value)\(suffix)"
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }
}
