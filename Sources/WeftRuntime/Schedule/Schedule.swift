import Foundation

/// A cron expression read in a time zone: the instants at which a `schedule` trigger fires.
///
/// Fire instants are whole seconds. The wall clock is the Gregorian calendar of `timeZone` (the same as
/// `Calendar(identifier: .gregorian)` with that time zone); offsets come from `TimeZone.secondsFromGMT(for:)`.
///
/// Daylight-saving time:
/// - **Spring forward (a gap).** A matching wall-clock time that does not exist that day (02:30 in
///   `Europe/Paris` on the last Sunday of March) fires once, at the first instant after the gap (03:00 local,
///   the instant of the change). Several matching times in the same gap (`*/15 2 * * *`) still fire only once,
///   and not again if the first time after the gap matches too. This follows Vixie cron, which runs jobs whose
///   time was skipped right after the change.
/// - **Fall back (an overlap).** A matching wall-clock time that occurs twice (02:30 in `Europe/Paris` on the
///   last Sunday of October) fires once, at its first occurrence. The repeated stretch of wall-clock time does
///   not fire again: `*/20 * * * *` fires at 02:00, 02:20 and 02:40 summer time, then at 03:00 winter time.
///
/// The two rules apply to every expression alike. Vixie cron makes an exception for expressions with `*` in the
/// minute or hour field, which it neither catches up after a gap nor holds back in a repeated hour; here
/// `30 * * * *` fires at 01:30, 03:00 and 03:30 on the day of a gap from 02:00 to 03:00, and `*/20 * * * *` is
/// silent for the repeated hour. Instants are unique either way: a schedule never fires twice at one instant.
///
/// Searches skip whole months, days, hours and minutes that cannot match, so finding the next `0 0 29 2 *`
/// takes a few hundred steps, not a walk over every minute. They look at most ``searchHorizonYears`` years away;
/// an expression that can never match (`0 0 30 2 *`) is recognised at once and yields `nil`.
public struct Schedule: Sendable, Hashable, CustomStringConvertible {
    /// Which wall-clock times fire.
    public let cron: CronExpression
    /// The time zone whose wall clock the expression is read in.
    public let timeZone: TimeZone

    /// How many years ahead (or back) a search looks before giving up. Every expression that can fire at all
    /// fires at least once within any 400 consecutive years, the length of the Gregorian cycle.
    public static let searchHorizonYears = 400

    /// Creates a schedule from a parsed expression and a time zone.
    public init(_ cron: CronExpression, timeZone: TimeZone) {
        self.cron = cron
        self.timeZone = timeZone
    }

    /// Parses an expression and looks up a time zone by identifier, such as `Europe/Paris` or `UTC`.
    ///
    /// - Throws: ``CronError`` for a malformed expression, or with code ``CronError/Code/unknownTimeZone`` for
    ///   an identifier Foundation does not know.
    public init(cron: String, timeZone identifier: String = "UTC") throws(CronError) {
        let expression = try CronExpression(cron)
        guard let zone = TimeZone(identifier: identifier) else {
            throw CronError(
                code: .unknownTimeZone, field: nil, message: "time zone: '\(identifier)' is not a known identifier",
                offset: 0)
        }
        self.init(expression, timeZone: zone)
    }

    /// The expression and the time zone, as `0 9 * * MON-FRI in Europe/Paris`.
    public var description: String {
        "\(cron) in \(timeZone.identifier)"
    }

    /// The first fire instant strictly after `date`, or `nil` when there is none within the search horizon.
    public func nextFire(after date: Date) -> Date? {
        guard let seconds = Self.wholeSeconds(date) else { return nil }
        return firstFire(after: seconds).map(Self.date)
    }

    /// The last fire instant strictly before `date`, or `nil` when there is none within the search horizon.
    public func previousFire(before date: Date) -> Date? {
        guard let seconds = Self.wholeSeconds(date) else { return nil }
        // Fires are whole seconds: one before `date` is at or before the whole second before it.
        let bound = Double(seconds) == date.timeIntervalSince1970 ? seconds - 1 : seconds
        return lastFire(atOrBefore: bound).map(Self.date)
    }

    /// The fire instants strictly after `start` and at or before `end`, earliest first, at most `limit` of them.
    public func fires(between start: Date, and end: Date, limit: Int) -> [Date] {
        var result: [Date] = []
        var cursor = start
        while result.count < limit, let next = nextFire(after: cursor), next <= end {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// `date` rounded down to a whole second since 1970, or `nil` when it is not a usable instant.
    static func wholeSeconds(_ date: Date) -> Int? {
        let interval = date.timeIntervalSince1970.rounded(.down)
        // About ±290,000 years either side of 1970 fits in an Int's seconds with room for local arithmetic.
        guard interval.isFinite, abs(interval) < 9e15 else { return nil }
        return Int(interval)
    }

    /// The date of a whole second since 1970.
    static func date(_ seconds: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
