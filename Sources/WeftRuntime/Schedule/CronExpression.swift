/// A parsed cron expression: which wall-clock times it matches.
///
/// Accepted syntax:
/// - five fields `minute hour day-of-month month day-of-week`, or six with `second` first; fields are separated
///   by spaces or tabs;
/// - in each field `*`, a number, a range `a-b`, a list `a,b,c`, and steps `*/n`, `a-b/n` and `a/n` (from `a` to
///   the field's maximum); ranges must not run backwards;
/// - month names `JAN`–`DEC` and weekday names `SUN`–`SAT`, in any case; `7` is Sunday as well as `0`;
/// - `?` means `*` in the day-of-month and day-of-week fields; `L` in the day-of-month field is the last day of
///   the month, alone or in a list (`15,L`);
/// - the macros `@yearly` (= `@annually`), `@monthly`, `@weekly`, `@daily` (= `@midnight`) and `@hourly`.
///
/// Day-of-month and day-of-week combine as in Vixie cron: when both fields are restricted, a day matches if
/// *either* matches (`0 0 1 * MON` is the 1st of each month and every Monday). A day field counts as
/// unrestricted when it starts with `*` or `?` — so, as in Vixie cron, `*/2` is unrestricted and
/// `0 0 */2 * MON` means Mondays that fall on an odd day of the month.
///
/// A five-field expression fires at second 0 of each matching minute.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The text the expression was parsed from.
    public let text: String
    /// Whether the expression has a seconds field (six fields).
    public let hasSeconds: Bool

    let seconds: CronValueSet
    let minutes: CronValueSet
    let hours: CronValueSet
    let daysOfMonth: CronValueSet
    /// Whether `L` (the last day of the month) is among the days of the month.
    let lastDayOfMonth: Bool
    let months: CronValueSet
    /// Days of the week, 0 (Sunday) to 6.
    let daysOfWeek: CronValueSet
    /// Whether the day-of-month field starts with `*` or `?`.
    let dayOfMonthUnrestricted: Bool
    /// Whether the day-of-week field starts with `*` or `?`.
    let dayOfWeekUnrestricted: Bool

    /// Parses a cron expression.
    ///
    /// - Throws: ``CronError`` naming the field, the token and the reason, with the token's offset.
    public init(_ text: String) throws(CronError) {
        let parsed = try CronParser(text).parse()
        self.text = text
        hasSeconds = parsed.hasSeconds
        seconds = parsed.second.values
        minutes = parsed.minute.values
        hours = parsed.hour.values
        daysOfMonth = parsed.dayOfMonth.values
        lastDayOfMonth = parsed.dayOfMonth.lastDay
        months = parsed.month.values
        daysOfWeek = parsed.dayOfWeek.values
        dayOfMonthUnrestricted = parsed.dayOfMonth.unrestricted
        dayOfWeekUnrestricted = parsed.dayOfWeek.unrestricted
    }

    /// The text the expression was parsed from.
    public var description: String { text }

    /// Whether the expression matches a wall-clock date and time (in whatever time zone it is read).
    ///
    /// - Parameters:
    ///   - month: 1–12.
    ///   - day: 1 to the number of days in the month.
    public func matches(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Bool {
        months.contains(month) && matchesDay(year: year, month: month, day: day) && hours.contains(hour)
            && minutes.contains(minute) && seconds.contains(second)
    }

    /// Whether the day fields match a date, with Vixie cron's either-or rule.
    func matchesDay(year: Int, month: Int, day: Int) -> Bool {
        let dayOfMonth =
            daysOfMonth.contains(day) || (lastDayOfMonth && day == CivilTime.daysInMonth(year: year, month: month))
        let dayOfWeek = daysOfWeek.contains(CivilTime.weekday(year: year, month: month, day: day))
        if dayOfMonthUnrestricted || dayOfWeekUnrestricted {
            return dayOfMonth && dayOfWeek
        }
        return dayOfMonth || dayOfWeek
    }

    /// Whether some date matches the day and month fields at all (`0 0 30 2 *` never does).
    var canEverMatch: Bool {
        if months.isEmpty || daysOfWeek.isEmpty { return false }
        // With the either-or rule every chosen month has a matching weekday; an unrestricted day-of-month holds
        // day 1, which falls on every weekday in some year; the last day of the month always exists.
        if !dayOfWeekUnrestricted || dayOfMonthUnrestricted || lastDayOfMonth { return true }
        // Only the day of the month restricts: some chosen day must exist in some chosen month (Feb 29 counts).
        guard let smallestDay = daysOfMonth.first(atLeast: 1) else { return false }
        for month in 1...12 where months.contains(month) {
            let longest = month == 2 ? 29 : CivilTime.daysInMonth(year: 2001, month: month)
            if smallestDay <= longest { return true }
        }
        return false
    }
}
