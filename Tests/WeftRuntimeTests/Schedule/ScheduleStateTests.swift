import Foundation
import Testing

@testable import WeftRuntime

/// A clock the test sets by hand, forwards or backwards.
private struct MockClock {
    var now: Date

    mutating func advance(by seconds: TimeInterval) { now += seconds }

    mutating func set(_ text: String) { now = utc(text) }
}

@Suite struct ScheduleStateTests {
    private let everyTenMinutes = try! Schedule(cron: "*/10 * * * *", timeZone: "UTC")

    @Test func returnsEachInstantOnceAsTheClockMovesBothWays() {
        var clock = MockClock(now: utc("2026-04-01T09:55:00Z"))
        var state = ScheduleState(schedule: everyTenMinutes, policy: .fireAll(limit: 5), lastFire: clock.now)
        #expect(state.nextFire == utc("2026-04-01T10:00:00Z"))

        // (time set, instants expected due)
        let steps: [(String, [String])] = [
            ("2026-04-01T09:59:59Z", []),
            ("2026-04-01T10:00:00Z", ["2026-04-01T10:00:00Z"]),
            ("2026-04-01T10:00:30Z", []),
            ("2026-04-01T10:10:02Z", ["2026-04-01T10:10:00Z"]),
            // The clock is set back five minutes, then catches up again: 10:10 does not fire twice.
            ("2026-04-01T10:05:00Z", []),
            ("2026-04-01T10:10:00Z", []),
            ("2026-04-01T10:19:59Z", []),
            ("2026-04-01T10:20:00Z", ["2026-04-01T10:20:00Z"]),
            // Set back two hours: nothing before 10:20 is due again.
            ("2026-04-01T08:20:00Z", []),
            ("2026-04-01T10:20:00Z", []),
            // A long gap: ten ticks from 10:30 to 12:00, of which the newest five run.
            (
                "2026-04-01T12:00:10Z",
                [
                    "2026-04-01T11:20:00Z", "2026-04-01T11:30:00Z", "2026-04-01T11:40:00Z", "2026-04-01T11:50:00Z",
                    "2026-04-01T12:00:00Z",
                ]
            ),
            ("2026-04-01T12:00:10Z", []),
            ("2026-04-01T12:10:00Z", ["2026-04-01T12:10:00Z"]),
        ]
        for (time, expected) in steps {
            clock.set(time)
            #expect(state.due(now: clock.now).map(iso) == expected, "at \(time)")
        }
        #expect(state.lastFire == utc("2026-04-01T12:10:00Z"))
        #expect(state.nextFire == utc("2026-04-01T12:20:00Z"))
    }

    @Test func appliesEachPolicyAfterALongGap() {
        let start = utc("2026-04-01T10:00:00Z")
        let afterGap = utc("2026-04-03T07:33:00Z")
        let cases: [(CatchUpPolicy, [String])] = [
            (.skip, []),
            (.fireOnce, ["2026-04-03T07:30:00Z"]),
            (.fireAll(limit: 2), ["2026-04-03T07:20:00Z", "2026-04-03T07:30:00Z"]),
        ]
        for (policy, expected) in cases {
            var state = ScheduleState(schedule: everyTenMinutes, policy: policy, lastFire: start)
            #expect(state.due(now: afterGap).map(iso) == expected, "\(policy)")
            // Whatever ran, the missed ticks are dealt with: the schedule resumes at the next one.
            #expect(state.lastFire == utc("2026-04-03T07:30:00Z"))
            #expect(state.due(now: afterGap + 60).isEmpty)
            #expect(state.due(now: utc("2026-04-03T07:40:00Z")).map(iso) == ["2026-04-03T07:40:00Z"])
        }
    }

    @Test func waitsForTheFirstTickAfterItStarts() {
        // A trigger enabled at 10:05 does not fire the 10:00 tick.
        var state = ScheduleState(schedule: everyTenMinutes, lastFire: utc("2026-04-01T10:05:00Z"))
        #expect(state.due(now: utc("2026-04-01T10:05:30Z")).isEmpty)
        #expect(state.due(now: utc("2026-04-01T10:10:00.25Z")).map(iso) == ["2026-04-01T10:10:00Z"])
    }

    /// A random walk of the clock, mostly forwards with jumps both ways: every instant comes out once, in order,
    /// and with `fireAll` and a generous limit none is lost.
    @Test func neverRepeatsOrLosesAnInstantOnARandomWalk() throws {
        var random = SplitMix64(seed: 42)
        let schedule = try Schedule(cron: "*/7 * * * *", timeZone: "America/New_York")
        let start = utc("2026-10-31T20:00:00Z")  // through the night the clocks go back
        var clock = MockClock(now: start)
        var state = ScheduleState(schedule: schedule, policy: .fireAll(limit: 10_000), lastFire: start)
        var returned: [Date] = []
        var latest = start
        for _ in 0..<3_000 {
            switch Int.random(in: 0..<20, using: &random) {
            case 0: clock.advance(by: -TimeInterval.random(in: 0...7_200, using: &random).rounded())
            case 1: clock.advance(by: TimeInterval.random(in: 0...14_400, using: &random).rounded())
            default: clock.advance(by: TimeInterval.random(in: 0...90, using: &random).rounded())
            }
            latest = max(latest, clock.now)
            let due = state.due(now: clock.now)
            #expect(due.allSatisfy { $0 <= clock.now })
            returned += due
        }
        #expect(returned == returned.sorted())
        #expect(Set(returned).count == returned.count)
        #expect(returned == schedule.fires(between: start, and: latest, limit: 100_000))
        #expect(returned.count > 100)
    }
}
