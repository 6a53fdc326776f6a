/// One of the fields of a cron expression, in the order they are written.
///
/// A five-field expression has `minute hour day-of-month month day-of-week`; a six-field expression puts
/// `second` first.
public enum CronField: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Seconds, 0–59 (six-field expressions only).
    case second
    /// Minutes, 0–59.
    case minute
    /// Hours, 0–23.
    case hour
    /// Days of the month, 1–31, or `L` for the last day of the month.
    case dayOfMonth = "day-of-month"
    /// Months, 1–12 or `JAN`–`DEC`.
    case month
    /// Days of the week, 0–7 (0 and 7 are Sunday) or `SUN`–`SAT`.
    case dayOfWeek = "day-of-week"

    /// The field's name as it appears in error messages, for example `day-of-month`.
    public var description: String { rawValue }

    /// The values a number in this field may take (day-of-week accepts 7 as a second Sunday).
    var bounds: ClosedRange<Int> {
        switch self {
        case .second, .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    /// The values `*` stands for.
    var all: ClosedRange<Int> {
        self == .dayOfWeek ? 0...6 : bounds
    }

    /// Three-letter names accepted in place of numbers, with the number each stands for.
    var names: [String: Int] {
        switch self {
        case .month:
            [
                "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6, "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10,
                "NOV": 11, "DEC": 12,
            ]
        case .dayOfWeek:
            ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
        default:
            [:]
        }
    }
}
