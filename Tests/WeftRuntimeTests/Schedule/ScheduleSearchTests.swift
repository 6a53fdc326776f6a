import Foundation
import Testing

@testable import WeftRuntime

/// Search bounds and agreement with Foundation's Gregorian calendar.
@Suite struct ScheduleSearchTests {
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    @Test func civilArithmeticAgreesWithFoundation() {
        let calendar = Self.utcCalendar
        // 1600-01-01 to 2400-01-01, every 13 days.
        for days in stride(from: -135_140, through: 156_840, by: 13) {
            let date = Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let civil = CivilTime.civil(fromDays: days)
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
            #expect(CivilTime.weekday(year: civil.year, month: civil.month, day: civil.day) == parts.weekday! - 1)
            #expect(CivilTime.days(year: civil.year, month: civil.month, day: civil.day) == days)
            let length = calendar.range(of: .day, in: .month, for: date)!.count
            #expect(CivilTime.daysInMonth(year: civil.year, month: civil.month) == length)
        }
        #expect(
            CivilTime(localSeconds: -1) == CivilTime(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
    }

    @Test(.timeLimit(.minutes(1)))
    func findsTheLeapDayFromAnyDate() throws {
        let schedule = try Schedule(cron: "0 0 29 2 *", timeZone: "UTC")
        let calendar = Self.utcCalendar
        var start = utc("2090-01-01T00:00:00Z")
        while start < utc("2115-01-01T00:00:00Z") {
            let year = calendar.component(.year, from: start)
            let leapDays = (year - 12...year + 12).compactMap { Self.leapDay(in: $0, calendar) }
            let expectedNext = leapDays.first { $0 > start }
            let expectedPrevious = leapDays.last { $0 < start }
            #expect(schedule.nextFire(after: start) == expectedNext)
            #expect(schedule.previousFire(before: start) == expectedPrevious)
            start += 31 * 86_400 + 3_607
        }
    }

    /// 29 February of `year` at midnight UTC, if the year has one.
    private static func leapDay(in year: Int, _ calendar: Calendar) -> Date? {
        let february = calendar.date(from: DateComponents(year: year, month: 2, day: 1))!
        guard calendar.range(of: .day, in: .month, for: february)!.count == 29 else { return nil }
        return february + 28 * 86_400
    }

    @Test(
        .timeLimit(.minutes(1)),
        arguments: ["0 0 30 2 *", "0 0 31 2 *", "0 0 31 4,6,9,11 *", "0 0 30,31 FEB *", "0 0 31 APR ?", "0 0 0 30 2 *"])
    func returnsNothingForAnExpressionThatNeverFires(cron: String) throws {
        let schedule = try Schedule(cron: cron, timeZone: "Europe/Paris")
        let now = utc("2026-05-01T00:00:00Z")
        #expect(schedule.nextFire(after: now) == nil)
        #expect(schedule.previousFire(before: now) == nil)
        #expect(schedule.fires(between: now, and: .distantFuture, limit: 10).isEmpty)
        var state = ScheduleState(schedule: schedule, policy: .fireAll(limit: 10), lastFire: now)
        #expect(state.nextFire == nil)
        #expect(state.due(now: now + 86_400 * 3_650).isEmpty)
    }

    @Test func survivesTheEndsOfTime() throws {
        let schedule = try Schedule(cron: "@yearly", timeZone: "America/New_York")
        let early = try #require(schedule.nextFire(after: .distantPast))
        #expect(early > .distantPast)
        let late = try #require(schedule.previousFire(before: .distantFuture))
        #expect(late < .distantFuture)
        #expect(schedule.nextFire(after: Date(timeIntervalSince1970: .infinity)) == nil)
        #expect(schedule.previousFire(before: Date(timeIntervalSince1970: .nan)) == nil)
    }

    /// Random expressions, checked minute by minute against a matcher written from Foundation's calendar.
    @Test func agreesWithAMinuteByMinuteSearch() throws {
        var random = SplitMix64(seed: 0x5EED_CA7E)
        let calendar = Self.utcCalendar
        let start = utc("2028-01-20T00:00:00Z")
        let days = 75  // through the leap day and three month ends
        var expressionsThatFire = 0
        for _ in 0..<40 {
            let text = CronGenerator.expression(&random)
            let cron = try CronExpression(text)
            var expected: [Date] = []
            for dayIndex in 0..<days {
                let day = start + TimeInterval(dayIndex * 86_400)
                guard Self.dayMatches(cron, day, calendar) else { continue }
                for hour in 0..<24 where cron.hours.contains(hour) {
                    for minute in 0..<60 where cron.minutes.contains(minute) {
                        expected.append(day + TimeInterval(hour * 3600 + minute * 60))
                    }
                }
            }
            let schedule = Schedule(cron, timeZone: TimeZone(identifier: "UTC")!)
            let end = start + TimeInterval(days * 86_400) - 1
            let found = schedule.fires(between: start - 1, and: end, limit: 200_000)
            #expect(found == expected, "\(text)")
            expressionsThatFire += expected.isEmpty ? 0 : 1
            if let last = expected.last {
                #expect(schedule.previousFire(before: end + 1) == last, "\(text)")
            }
        }
        #expect(expressionsThatFire >= 30)
    }

    /// Day-of-month and day-of-week, from Foundation's calendar and the rule of Vixie cron.
    private static func dayMatches(_ cron: CronExpression, _ day: Date, _ calendar: Calendar) -> Bool {
        let parts = calendar.dateComponents([.month, .day, .weekday], from: day)
        guard cron.months.contains(parts.month!) else { return false }
        let length = calendar.range(of: .day, in: .month, for: day)!.count
        let dayOfMonth = cron.daysOfMonth.contains(parts.day!) || (cron.lastDayOfMonth && parts.day == length)
        let dayOfWeek = cron.daysOfWeek.contains(parts.weekday! - 1)
        if cron.dayOfMonthUnrestricted || cron.dayOfWeekUnrestricted {
            return dayOfMonth && dayOfWeek
        }
        return dayOfMonth || dayOfWeek
    }
}

/// A small deterministic random number generator (SplitMix64), so failures can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random five-field cron expressions.
enum CronGenerator {
    static func expression(_ random: inout SplitMix64) -> String {
        [
            field(0...59, &random), field(0...23, &random), dayOfMonth(&random), field(1...12, &random, wide: true),
            dayOfWeek(&random),
        ].joined(separator: " ")
    }

    private static func field(_ bounds: ClosedRange<Int>, _ random: inout SplitMix64, wide: Bool = false) -> String {
        let a = Int.random(in: bounds, using: &random)
        let b = Int.random(in: a...bounds.upperBound, using: &random)
        let step = Int.random(in: 1...max(1, (bounds.count / 3)), using: &random)
        switch Int.random(in: 0..<(wide ? 3 : 6), using: &random) {
        case 0: return "*"
        case 1: return "*/\(step)"
        case 2: return "\(a)-\(b)"
        case 3: return "\(a)"
        case 4: return "\(a)-\(b)/\(step)"
        default: return "\(a),\(b)"
        }
    }

    private static func dayOfMonth(_ random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: "*"
        case 1: "L"
        case 2: "\(Int.random(in: 25...31, using: &random)),L"
        case 3: "?"
        case 4: "*/\(Int.random(in: 2...9, using: &random))"
        default: "\(Int.random(in: 1...20, using: &random))-\(Int.random(in: 20...31, using: &random))"
        }
    }

    private static func dayOfWeek(_ random: inout SplitMix64) -> String {
        switch Int.random(in: 0..<5, using: &random) {
        case 0: "*"
        case 1: "MON-FRI"
        case 2: "\(Int.random(in: 0...7, using: &random))"
        case 3: "sat,SUN"
        default: "?"
        }
    }
}
