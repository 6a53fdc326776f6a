/// The calendar and clock fields of an instant as seen at a fixed offset from UTC.
struct DateTimeFields: Equatable {
    /// The year (astronomical numbering: 0 is 1 BC).
    var year: Int
    /// The month, 1–12.
    var month: Int
    /// The day of the month, 1–31.
    var day: Int
    /// The day of the year, 1–366.
    var dayOfYear: Int
    /// The ISO day of the week, 1 (Monday) – 7 (Sunday).
    var weekday: Int
    /// The hour, 0–23.
    var hour: Int
    /// The minute, 0–59.
    var minute: Int
    /// The second, 0–59.
    var second: Int
    /// The millisecond, 0–999.
    var millisecond: Int
    /// The ISO 8601 week of the week-numbering year, 1–53.
    var isoWeek: Int
    /// The ISO 8601 week-numbering year (the year of the week's Thursday).
    var isoWeekYear: Int
    /// The week of the month, where a week belongs to the month of its Thursday.
    var weekOfMonth: Int
    /// The month that `weekOfMonth` counts in.
    var weekMonth: Int
    /// The offset from UTC in minutes.
    var offsetMinutes: Int

    /// The fields of `milliseconds` since the epoch (whole milliseconds) at `offsetMinutes` from UTC.
    init(milliseconds: Int64, offsetMinutes: Int) {
        let local = milliseconds + Int64(offsetMinutes) * 60_000
        let days =
            Int(local / CivilCalendar.millisecondsPerDay)
            - (local % CivilCalendar.millisecondsPerDay < 0 ? 1 : 0)
        let timeOfDay = Int(local - Int64(days) * CivilCalendar.millisecondsPerDay)
        (year, month, day) = CivilCalendar.date(days: days)
        dayOfYear = days - CivilCalendar.days(year: year, month: 1, day: 1) + 1
        weekday = CivilCalendar.weekday(days: days)
        hour = timeOfDay / 3_600_000
        minute = timeOfDay / 60_000 % 60
        second = timeOfDay / 1000 % 60
        millisecond = timeOfDay % 1000
        let thursday = days - weekday + 4
        let thursdayDate = CivilCalendar.date(days: thursday)
        isoWeekYear = thursdayDate.year
        isoWeek = (thursday - CivilCalendar.days(year: thursdayDate.year, month: 1, day: 1)) / 7 + 1
        weekMonth = thursdayDate.month
        weekOfMonth = (thursdayDate.day - 1) / 7 + 1
        self.offsetMinutes = offsetMinutes
    }
}
