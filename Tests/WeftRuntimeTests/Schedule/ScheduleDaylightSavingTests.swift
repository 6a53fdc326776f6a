import Foundation
import Testing

@testable import WeftRuntime

/// In 2026, `Europe/Paris` springs forward at 01:00 UTC on 29 March (02:00 CET becomes 03:00 CEST) and falls
/// back at 01:00 UTC on 25 October (03:00 CEST becomes 02:00 CET). `America/New_York` springs forward at
/// 07:00 UTC on 8 March (02:00 EST becomes 03:00 EDT) and falls back at 06:00 UTC on 1 November (02:00 EDT
/// becomes 01:00 EST).
@Suite struct ScheduleDaylightSavingTests {
    private func fires(_ cron: String, _ timeZone: String, after start: String, count: Int) throws -> [String] {
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
        // Paris, spring forward: 02:30 does not exist on the 29th and fires at 03:00 CEST, the end of the gap.
        (
            "30 2 * * *", "Europe/Paris", "2026-03-27T12:00:00Z",
            ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]
        ),
        // Four matching times in the gap fire once.
        (
            "*/15 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z",
            ["2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z", "2026-03-30T00:15:00Z"]
        ),
        // The gap and 03:00 itself are the same instant, fired once.
        (
            "0,30 2,3 * * *", "Europe/Paris", "2026-03-29T00:00:00Z",
            ["2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:00:00Z"]
        ),
        // An hourly expression fires at the end of the gap for the 02:30 that did not occur, then at 03:30.
        (
            "30 * * * *", "Europe/Paris", "2026-03-29T00:00:00Z",
            ["2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"]
        ),
        // A time outside the gap is not disturbed.
        (
            "0 9 * * *", "Europe/Paris", "2026-03-28T12:00:00Z",
            ["2026-03-29T07:00:00Z", "2026-03-30T07:00:00Z"]
        ),
        // Seconds in the gap.
        ("30 30 2 * * *", "Europe/Paris", "2026-03-28T12:00:00Z", ["2026-03-29T01:00:00Z", "2026-03-30T00:30:30Z"]),
        // Paris, fall back: 02:30 occurs at 00:30 UTC (CEST) and 01:30 UTC (CET); only the first fires.
        (
            "30 2 * * *", "Europe/Paris", "2026-10-24T12:00:00Z",
            ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]
        ),
        // The repeated hour does not fire a second time.
        (
            "*/20 * * * *", "Europe/Paris", "2026-10-24T23:50:00Z",
            ["2026-10-25T00:00:00Z", "2026-10-25T00:20:00Z", "2026-10-25T00:40:00Z", "2026-10-25T02:00:00Z"]
        ),
        // Starting inside the repeated hour (02:10 CET, the second pass).
        ("*/20 * * * *", "Europe/Paris", "2026-10-25T01:10:00Z", ["2026-10-25T02:00:00Z", "2026-10-25T02:20:00Z"]),
        // Starting inside the first pass.
        ("*/20 * * * *", "Europe/Paris", "2026-10-25T00:30:00Z", ["2026-10-25T00:40:00Z", "2026-10-25T02:00:00Z"]),
        // New York, spring forward: 02:30 EST does not exist on the 8th and fires at 03:00 EDT.
        (
            "30 2 * * *", "America/New_York", "2026-03-06T12:00:00Z",
            ["2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]
        ),
        (
            "0 * * * *", "America/New_York", "2026-03-08T05:30:00Z",
            ["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"]
        ),
        // New York, fall back: 01:30 occurs at 05:30 UTC (EDT) and 06:30 UTC (EST); only the first fires.
        (
            "30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z",
            ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]
        ),
        (
            "0 * * * *", "America/New_York", "2026-11-01T04:30:00Z",
            ["2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"]
        ),
    ])
    func firesOncePerWallClockTime(cron: String, timeZone: String, after: String, expected: [String]) throws {
        #expect(try fires(cron, timeZone, after: after, count: expected.count) == expected)
    }

    @Test(arguments: [
        ("30 2 * * *", "Europe/Paris", "2026-03-29T01:00:01Z", "2026-03-29T01:00:00Z"),
        ("30 2 * * *", "Europe/Paris", "2026-03-29T01:00:00Z", "2026-03-28T01:30:00Z"),
        ("*/15 2 * * *", "Europe/Paris", "2026-03-29T06:00:00Z", "2026-03-29T01:00:00Z"),
        ("*/20 * * * *", "Europe/Paris", "2026-10-25T02:00:00Z", "2026-10-25T00:40:00Z"),
        ("*/20 * * * *", "Europe/Paris", "2026-10-25T01:30:00Z", "2026-10-25T00:40:00Z"),
        ("30 2 * * *", "Europe/Paris", "2026-10-25T12:00:00Z", "2026-10-25T00:30:00Z"),
        ("30 1 * * *", "America/New_York", "2026-11-01T06:45:00Z", "2026-11-01T05:30:00Z"),
        ("30 2 * * *", "America/New_York", "2026-03-08T07:00:01Z", "2026-03-08T07:00:00Z"),
    ])
    func findsPreviousFiresAcrossTransitions(cron: String, timeZone: String, before: String, expected: String) throws {
        let schedule = try Schedule(cron: cron, timeZone: timeZone)
        #expect(iso(schedule.previousFire(before: utc(before))) == expected)
    }

    /// Walking backwards visits the same instants as walking forwards, around every transition.
    @Test(arguments: ["Europe/Paris", "America/New_York"])
    func walksBackwardsAsItWalksForwards(timeZone: String) throws {
        let days = [
            ("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"), ("2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z"),
            ("2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z"), ("2026-10-31T00:00:00Z", "2026-11-03T00:00:00Z"),
        ]
        for cron in ["*/15 * * * *", "30 1,2,3 * * *", "0,30 2 * * *", "10 */2 * * * *", "0 * * * *"] {
            let schedule = try Schedule(cron: cron, timeZone: timeZone)
            for (from, to) in days {
                let forwards = schedule.fires(between: utc(from), and: utc(to), limit: 100_000)
                var backwards: [Date] = []
                var cursor = utc(to) + 1
                while let previous = schedule.previousFire(before: cursor), previous > utc(from) {
                    backwards.append(previous)
                    cursor = previous
                }
                #expect(forwards == backwards.reversed(), "\(cron) in \(timeZone) from \(from)")
                #expect(Set(forwards).count == forwards.count)
            }
        }
    }

    /// Away from transitions, every matching wall-clock time fires exactly once, at its only instant.
    @Test func agreesWithFoundationsCalendarOnOrdinaryDays() throws {
        let schedule = try Schedule(cron: "*/7 9-11 * * *", timeZone: "Europe/Paris")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        for fire in schedule.fires(between: utc("2026-06-01T00:00:00Z"), and: utc("2026-06-03T00:00:00Z"), limit: 100) {
            let parts = calendar.dateComponents([.hour, .minute, .second], from: fire)
            #expect((9...11).contains(parts.hour!))
            #expect(parts.minute! % 7 == 0)
            #expect(parts.second == 0)
        }
        #expect(
            schedule.fires(between: utc("2026-06-01T00:00:00Z"), and: utc("2026-06-02T00:00:00Z"), limit: 100).count
                == 27)
    }
}
