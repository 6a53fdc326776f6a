import Foundation
import Testing

@testable import WeftRuntime

@Suite struct CronExpressionParsingTests {
    @Test(arguments: [
        ("5 * * * *", CronField.minute, [5]),
        ("0-10/5 * * * *", .minute, [0, 5, 10]),
        ("10/20 * * * *", .minute, [10, 30, 50]),
        ("1,2,40-42 * * * *", .minute, [1, 2, 40, 41, 42]),
        ("*/15 * * * *", .minute, [0, 15, 30, 45]),
        ("07 * * * *", .minute, [7]),
        ("* 9-17/4 * * *", .hour, [9, 13, 17]),
        ("* 22,3 * * *", .hour, [3, 22]),
        ("* * 1,L * *", .dayOfMonth, [1]),
        ("* * 25-31 * *", .dayOfMonth, [25, 26, 27, 28, 29, 30, 31]),
        ("* * * JAN,mar-May *", .month, [1, 3, 4, 5]),
        ("* * * jun/3 *", .month, [6, 9, 12]),
        ("* * * * mon-FRI", .dayOfWeek, [1, 2, 3, 4, 5]),
        ("* * * * 7", .dayOfWeek, [0]),
        ("* * * * 5-7", .dayOfWeek, [0, 5, 6]),
        ("* * * * */2", .dayOfWeek, [0, 2, 4, 6]),
        ("* * * * Sat,sun", .dayOfWeek, [0, 6]),
        ("30 * * * * *", .second, [30]),
        ("* * * * *", .second, [0]),
        ("@hourly", .minute, [0]),
        ("@WEEKLY", .dayOfWeek, [0]),
        ("@yearly", .month, [1]),
        ("\t 0   12 * *  1 ", .hour, [12]),
    ])
    func parsesAField(text: String, field: CronField, expected: [Int]) throws {
        let cron = try CronExpression(text)
        let set: CronValueSet =
            switch field {
            case .second: cron.seconds
            case .minute: cron.minutes
            case .hour: cron.hours
            case .dayOfMonth: cron.daysOfMonth
            case .month: cron.months
            case .dayOfWeek: cron.daysOfWeek
            }
        #expect(members(set) == expected)
        #expect(cron.text == text)
    }

    @Test func marksSecondsLastDayAndUnrestrictedDayFields() throws {
        let sixFields = try CronExpression("0 */5 * * * *")
        #expect(sixFields.hasSeconds)
        #expect(members(sixFields.minutes) == Array(stride(from: 0, to: 60, by: 5)))
        #expect(try !CronExpression("*/5 * * * *").hasSeconds)

        let last = try CronExpression("0 0 15,l * *")
        #expect(last.lastDayOfMonth)
        #expect(members(last.daysOfMonth) == [15])
        #expect(!last.dayOfMonthUnrestricted)

        let question = try CronExpression("0 0 ? * MON")
        #expect(question.dayOfMonthUnrestricted)
        #expect(!question.dayOfWeekUnrestricted)
        #expect(members(question.daysOfMonth) == Array(1...31))

        // As in Vixie cron, a field starting with `*` is unrestricted even with a step.
        let stepped = try CronExpression("0 0 */2 * 1")
        #expect(stepped.dayOfMonthUnrestricted)
        #expect(try CronExpression("0 0 * * ?").dayOfWeekUnrestricted)
    }

    @Test(arguments: [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"), ("@weekly", "0 0 * * 0"),
        ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"), ("@hourly", "0 * * * *"), ("@Daily", "0 0 * * *"),
    ])
    func expandsMacros(macro: String, expansion: String) throws {
        let expanded = try CronExpression(macro)
        let written = try CronExpression(expansion)
        #expect(expanded.seconds == written.seconds)
        #expect(expanded.minutes == written.minutes)
        #expect(expanded.hours == written.hours)
        #expect(expanded.daysOfMonth == written.daysOfMonth)
        #expect(expanded.months == written.months)
        #expect(expanded.daysOfWeek == written.daysOfWeek)
        #expect(expanded.dayOfMonthUnrestricted == written.dayOfMonthUnrestricted)
        #expect(expanded.dayOfWeekUnrestricted == written.dayOfWeekUnrestricted)
        #expect(expanded.description == macro)
    }

    @Test(arguments: [
        ("61 * * * *", CronError.Code.outOfRange, CronField.minute, "minute field: 61 is out of range 0-59", 0),
        ("0,5,75 * * * *", .outOfRange, .minute, "minute field: 75 is out of range 0-59", 4),
        ("0 24 * * *", .outOfRange, .hour, "hour field: 24 is out of range 0-23", 2),
        ("0 99999999999 * * *", .outOfRange, .hour, "hour field: 99999999999 is out of range 0-23", 2),
        ("0 0 0 * *", .outOfRange, .dayOfMonth, "day-of-month field: 0 is out of range 1-31", 4),
        ("0 0 32 * *", .outOfRange, .dayOfMonth, "day-of-month field: 32 is out of range 1-31", 4),
        ("0 0 * 13 *", .outOfRange, .month, "month field: 13 is out of range 1-12", 6),
        ("0 0 * * 8", .outOfRange, .dayOfWeek, "day-of-week field: 8 is out of range 0-7", 8),
        ("60 0 0 * * *", .outOfRange, .second, "second field: 60 is out of range 0-59", 0),
        ("1,,2 * * * *", .emptyElement, .minute, "minute field: empty element in the list '1,,2'", 2),
        ("0 5, * * *", .emptyElement, .hour, "hour field: empty element in the list '5,'", 4),
        ("x * * * *", .invalidValue, .minute, "minute field: 'x' is not a number", 0),
        ("0 JAN * * *", .invalidValue, .hour, "hour field: 'JAN' is not a number", 2),
        ("0 0 * FOO *", .invalidValue, .month, "month field: 'FOO' is not a number or a month name (JAN-DEC)", 6),
        (
            "0 0 * * FUNDAY", .invalidValue, .dayOfWeek,
            "day-of-week field: 'FUNDAY' is not a number or a weekday name (SUN-SAT)", 8
        ),
        (
            "0 0 * * 5L", .invalidValue, .dayOfWeek,
            "day-of-week field: '5L' is not a number or a weekday name (SUN-SAT)", 8
        ),
        ("0 5- * * *", .invalidValue, .hour, "hour field: range '5-' is missing its end", 2),
        ("0 -5 * * *", .invalidValue, .hour, "hour field: range '-5' is missing its start", 2),
        ("/5 * * * *", .invalidValue, .minute, "minute field: '/5' has no value before '/'", 0),
        ("0 20-5 * * *", .backwardsRange, .hour, "hour field: range 20-5 starts after it ends", 2),
        ("0 0 * * FRI-MON", .backwardsRange, .dayOfWeek, "day-of-week field: range FRI-MON starts after it ends", 8),
        ("*/0 * * * *", .invalidStep, .minute, "minute field: step 0 is out of range 1-60", 2),
        ("0 */25 * * *", .invalidStep, .hour, "hour field: step 25 is out of range 1-24", 4),
        ("*/x * * * *", .invalidStep, .minute, "minute field: step 'x' is not a number", 2),
        ("5/ * * * *", .invalidStep, .minute, "minute field: '5/' is missing its step after '/'", 2),
        (
            "? * * * *", .misplacedSymbol, .minute,
            "minute field: '?' is only allowed in the day-of-month and day-of-week fields", 0
        ),
        ("0 0 ?/2 * *", .misplacedSymbol, .dayOfMonth, "day-of-month field: '?' cannot have a step", 4),
        (
            "0 0 * * L", .misplacedSymbol, .dayOfWeek,
            "day-of-week field: 'L' is only allowed in the day-of-month field", 8
        ),
        ("0 0 L/2 * *", .misplacedSymbol, .dayOfMonth, "day-of-month field: 'L' cannot have a step", 4),
    ])
    func reportsAFieldError(text: String, code: CronError.Code, field: CronField, message: String, offset: Int) {
        let error = #expect(throws: CronError.self) { try CronExpression(text) }
        #expect(error?.code == code)
        #expect(error?.field == field)
        #expect(error?.message == message)
        #expect(error?.offset == offset)
    }

    @Test(arguments: [
        ("", CronError.Code.fieldCount, "expected 5 or 6 fields, found none", 0),
        ("0 0 * *", .fieldCount, "expected 5 or 6 fields, found 4", 7),
        ("0 0 * * * * *", .fieldCount, "expected 5 or 6 fields, found 7", 12),
        ("@daily 5", .fieldCount, "@daily stands alone, but '5' follows it", 7),
        (
            "@often", .unknownMacro,
            "unknown macro '@often' (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)", 0
        ),
    ])
    func reportsAnExpressionError(text: String, code: CronError.Code, message: String, offset: Int) {
        let error = #expect(throws: CronError.self) { try CronExpression(text) }
        #expect(error?.code == code)
        #expect(error?.field == nil)
        #expect(error?.message == message)
        #expect(error?.offset == offset)
        #expect(error?.description == "offset \(offset): \(message)")
    }

    @Test func rejectsAnUnknownTimeZone() {
        let error = #expect(throws: CronError.self) { try Schedule(cron: "0 0 * * *", timeZone: "Mars/Olympus_Mons") }
        #expect(error?.code == .unknownTimeZone)
        #expect(error?.message == "time zone: 'Mars/Olympus_Mons' is not a known identifier")
        #expect(throws: CronError.self) { try Schedule(cron: "0 0 * *", timeZone: "UTC") }
    }

    @Test func matchesWallClockTimes() throws {
        let cron = try CronExpression("0 9 1,15 * MON")
        #expect(cron.matches(year: 2026, month: 2, day: 15, hour: 9, minute: 0, second: 0))  // a Sunday, the 15th
        #expect(cron.matches(year: 2026, month: 2, day: 9, hour: 9, minute: 0, second: 0))  // a Monday
        #expect(!cron.matches(year: 2026, month: 2, day: 10, hour: 9, minute: 0, second: 0))
        #expect(!cron.matches(year: 2026, month: 2, day: 9, hour: 9, minute: 0, second: 1))
    }
}
