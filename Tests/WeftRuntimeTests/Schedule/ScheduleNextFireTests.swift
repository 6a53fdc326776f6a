import Foundation
import Testing

@testable import WeftRuntime

@Suite struct ScheduleNextFireTests {
    /// The first `count` fires after `start`, each found from the one before.
    private func fires(_ cron: String, timeZone: String = "UTC", after start: String, count: Int) throws -> [String] {
        let schedule = try Schedule(cron: cron, timeZone: timeZone)
        var result: [String] = []
        var cursor = utc(start)
        while result.count < count, let next = schedule.nextFire(after: cursor) {
            result.append(iso(next))
            cursor = next
        }
        return result
    }

    @Test(arguments: [
        // Month ends and the year's end.
        ("0 0 1 * *", "2026-01-31T12:00:00Z", ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"]),
        ("0 12 31 * *", "2026-01-31T12:00:00Z", ["2026-03-31T12:00:00Z", "2026-05-31T12:00:00Z"]),
        ("59 23 31 DEC *", "2026-12-31T23:59:00Z", ["2027-12-31T23:59:00Z", "2028-12-31T23:59:00Z"]),
        ("0 0 30 * *", "2026-01-30T00:00:00Z", ["2026-03-30T00:00:00Z", "2026-04-30T00:00:00Z"]),
        // The last day of the month.
        (
            "0 0 L * *", "2026-01-15T00:00:00Z",
            ["2026-01-31T00:00:00Z", "2026-02-28T00:00:00Z", "2026-03-31T00:00:00Z", "2026-04-30T00:00:00Z"]
        ),
        ("0 0 L 2 *", "2027-03-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2029-02-28T00:00:00Z"]),
        ("30 18 15,L * *", "2026-02-15T18:30:00Z", ["2026-02-28T18:30:00Z", "2026-03-15T18:30:00Z"]),
        // Leap years: 2000 was one, 2100 will not be.
        ("0 0 29 2 *", "2024-03-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"]),
        ("0 0 29 2 *", "1999-01-01T00:00:00Z", ["2000-02-29T00:00:00Z"]),
        ("0 0 29 2 *", "2096-02-29T00:00:00Z", ["2104-02-29T00:00:00Z"]),
        ("0 0 29 2 */7", "2089-01-01T00:00:00Z", ["2128-02-29T00:00:00Z", "2156-02-29T00:00:00Z"]),
        // Weekdays, and day-of-month OR day-of-week when both are restricted.
        ("0 9 * * MON-FRI", "2026-05-29T10:00:00Z", ["2026-06-01T09:00:00Z", "2026-06-02T09:00:00Z"]),
        (
            "0 0 1,15 * MON", "2026-01-31T00:00:00Z",
            [
                "2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z", "2026-02-15T00:00:00Z",
                "2026-02-16T00:00:00Z",
            ]
        ),
        ("0 0 30 2 MON", "2026-01-01T00:00:00Z", ["2026-02-02T00:00:00Z", "2026-02-09T00:00:00Z"]),
        // A day field starting with `*` makes the two day fields combine with AND.
        (
            "0 0 */2 * MON", "2026-02-01T00:00:00Z",
            ["2026-02-09T00:00:00Z", "2026-02-23T00:00:00Z", "2026-03-09T00:00:00Z"]
        ),
        (
            "0 0 1 * */7", "2026-01-01T00:00:00Z",
            ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2026-11-01T00:00:00Z"]
        ),
        ("0 0 ? * 7", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"]),
        // Six fields: seconds.
        (
            "*/20 * * * * *", "2026-01-01T00:00:00Z",
            ["2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z", "2026-01-01T00:01:00Z"]
        ),
        ("15,45 * * * * *", "2026-01-01T00:00:45Z", ["2026-01-01T00:01:15Z", "2026-01-01T00:01:45Z"]),
        ("30 59 23 31 12 *", "2026-06-01T00:00:00Z", ["2026-12-31T23:59:30Z", "2027-12-31T23:59:30Z"]),
        // Macros.
        ("@yearly", "2026-06-15T00:00:00Z", ["2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"]),
        ("@annually", "2026-01-01T00:00:00Z", ["2027-01-01T00:00:00Z"]),
        ("@monthly", "2026-01-31T23:59:59Z", ["2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"]),
        ("@weekly", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"]),
        ("@daily", "2028-02-28T00:00:00Z", ["2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z"]),
        ("@midnight", "2026-02-28T00:00:00Z", ["2026-03-01T00:00:00Z"]),
        ("@hourly", "2026-12-31T23:00:00Z", ["2027-01-01T00:00:00Z", "2027-01-01T01:00:00Z"]),
        // Ranges, steps and lists within the day.
        (
            "0 9-17/4 * * *", "2026-03-10T09:00:00Z",
            ["2026-03-10T13:00:00Z", "2026-03-10T17:00:00Z", "2026-03-11T09:00:00Z"]
        ),
        ("5/20 23 * * *", "2026-03-10T23:45:00Z", ["2026-03-11T23:05:00Z", "2026-03-11T23:25:00Z"]),
    ])
    func findsTheNextFiresInUTC(cron: String, after: String, expected: [String]) throws {
        #expect(try fires(cron, after: after, count: expected.count) == expected)
    }

    @Test func readsTheWallClockOfTheTimeZone() throws {
        #expect(
            try fires("0 9 * * *", timeZone: "Asia/Kolkata", after: "2026-01-01T00:00:00Z", count: 2) == [
                "2026-01-01T03:30:00Z", "2026-01-02T03:30:00Z",
            ])
        #expect(
            try fires("0 9 * * *", timeZone: "Europe/Paris", after: "2026-07-01T00:00:00Z", count: 1) == [
                "2026-07-01T07:00:00Z"
            ])
        #expect(
            try fires("0 0 1 1 *", timeZone: "America/New_York", after: "2026-06-01T00:00:00Z", count: 1) == [
                "2027-01-01T05:00:00Z"
            ])
    }

    @Test func isStrictlyAfterAndHandlesFractionsOfASecond() throws {
        let everySecond = try Schedule(cron: "* * * * * *", timeZone: "UTC")
        let start = utc("2026-01-01T00:00:00Z")
        #expect(everySecond.nextFire(after: start) == start + 1)
        #expect(everySecond.nextFire(after: start + 0.5) == start + 1)
        #expect(everySecond.nextFire(after: start - 0.5) == start)
        #expect(everySecond.previousFire(before: start + 1) == start)
        #expect(everySecond.previousFire(before: start + 0.5) == start)
        #expect(everySecond.previousFire(before: start) == start - 1)
    }

    @Test func findsPreviousFires() throws {
        let schedule = try Schedule(cron: "0 12 L * *", timeZone: "UTC")
        #expect(iso(schedule.previousFire(before: utc("2026-03-15T00:00:00Z"))) == "2026-02-28T12:00:00Z")
        #expect(iso(schedule.previousFire(before: utc("2024-03-31T12:00:00Z"))) == "2024-02-29T12:00:00Z")
        let leapDay = try Schedule(cron: "0 0 29 2 *", timeZone: "UTC")
        #expect(iso(leapDay.previousFire(before: utc("2104-01-01T00:00:00Z"))) == "2096-02-29T00:00:00Z")
    }

    @Test func listsFiresBetweenTwoInstants() throws {
        let schedule = try Schedule(cron: "0 */6 * * *", timeZone: "UTC")
        let start = utc("2026-01-01T00:00:00Z")
        let end = utc("2026-01-02T00:00:00Z")
        // After the start, up to and including the end.
        #expect(
            schedule.fires(between: start, and: end, limit: 10).map(iso) == [
                "2026-01-01T06:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T18:00:00Z", "2026-01-02T00:00:00Z",
            ])
        #expect(
            schedule.fires(between: start, and: end, limit: 2).map(iso) == [
                "2026-01-01T06:00:00Z", "2026-01-01T12:00:00Z",
            ])
        #expect(schedule.fires(between: start, and: end, limit: 0).isEmpty)
        #expect(schedule.fires(between: end, and: start, limit: 10).isEmpty)
    }

    @Test func describesItself() throws {
        #expect(
            try Schedule(cron: "0 9 * * MON-FRI", timeZone: "Europe/Paris").description
                == "0 9 * * MON-FRI in Europe/Paris")
    }
}
