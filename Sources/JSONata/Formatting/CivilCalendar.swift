/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), written out so that
/// date formatting needs neither Foundation's `Calendar` nor a time zone database.
enum CivilCalendar {
    /// Milliseconds in a day.
    static let millisecondsPerDay: Int64 = 86_400_000

    /// The day number of a civil date; months and days outside their usual ranges roll over.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let monthIndex = month - 1
        let y = year + floorDivide(monthIndex, 12)
        let m = monthIndex - floorDivide(monthIndex, 12) * 12 + 1
        // Count from a year that starts in March so that the leap day falls at the end of the year.
        let shiftedYear = m <= 2 ? y - 1 : y
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400
        let marchMonth = m > 2 ? m - 3 : m + 9
        let dayOfYear = (153 * marchMonth + 2) / 5
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 + (day - 1)
    }

    /// The civil date of a day number.
    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let marchMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * marchMonth + 2) / 5 + 1
        let month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// The ISO day of the week of a day number: 1 for Monday through 7 for Sunday.
    static func weekday(days: Int) -> Int {
        // 1970-01-01 was a Thursday.
        floorModulo(days + 3, 7) + 1
    }

    /// Division rounding toward negative infinity.
    static func floorDivide(_ a: Int, _ b: Int) -> Int {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    /// The remainder of `floorDivide`, with the sign of `b`.
    static func floorModulo(_ a: Int, _ b: Int) -> Int {
        a - floorDivide(a, b) * b
    }
}
