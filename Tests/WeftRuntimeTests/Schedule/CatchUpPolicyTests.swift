import Foundation
import Testing

@testable import WeftRuntime

@Suite struct CatchUpPolicyTests {
    private let hourly = try! Schedule(cron: "0 * * * *", timeZone: "UTC")

    private func missed(_ policy: CatchUpPolicy, last: String, now: String, tolerance: TimeInterval = 60) -> [String] {
        policy.missedFires(schedule: hourly, lastFire: utc(last), now: utc(now), tolerance: tolerance).map(iso)
    }

    @Test func firesTheTickThatIsOnTimeWhateverThePolicy() {
        for policy in [CatchUpPolicy.skip, .fireOnce, .fireAll(limit: 5)] {
            #expect(
                missed(policy, last: "2026-04-01T09:00:00Z", now: "2026-04-01T10:00:00Z") == ["2026-04-01T10:00:00Z"])
            #expect(
                missed(policy, last: "2026-04-01T09:00:00Z", now: "2026-04-01T10:00:59Z") == ["2026-04-01T10:00:00Z"])
            #expect(missed(policy, last: "2026-04-01T09:00:00Z", now: "2026-04-01T09:59:59Z").isEmpty)
            #expect(missed(policy, last: "2026-04-01T10:00:00Z", now: "2026-04-01T10:00:00Z").isEmpty)
            #expect(missed(policy, last: "2026-04-01T10:00:00Z", now: "2026-04-01T09:00:00Z").isEmpty)
        }
    }

    @Test func skipRunsNothingThatIsLate() {
        // Down from 07:00 to 10:20: 08:00, 09:00 and 10:00 were missed.
        #expect(missed(.skip, last: "2026-04-01T07:00:00Z", now: "2026-04-01T10:20:00Z").isEmpty)
        #expect(missed(.skip, last: "2026-04-01T09:00:00Z", now: "2026-04-01T10:01:01Z").isEmpty)
        #expect(
            missed(.skip, last: "2026-04-01T07:00:00Z", now: "2026-04-01T10:20:00Z", tolerance: 1_800) == [
                "2026-04-01T10:00:00Z"
            ])
    }

    @Test func fireOnceRunsOnceAtTheNewestTick() {
        #expect(
            missed(.fireOnce, last: "2026-04-01T07:00:00Z", now: "2026-04-01T10:20:00Z") == ["2026-04-01T10:00:00Z"])
        #expect(
            missed(.fireOnce, last: "2026-03-01T07:00:00Z", now: "2026-04-01T10:20:00Z") == ["2026-04-01T10:00:00Z"])
        #expect(CatchUpPolicy.default == .fireOnce)
    }

    @Test func fireAllRunsEachTickUpToTheNewestLimit() {
        #expect(
            missed(.fireAll(limit: 10), last: "2026-04-01T07:00:00Z", now: "2026-04-01T10:20:00Z") == [
                "2026-04-01T08:00:00Z", "2026-04-01T09:00:00Z", "2026-04-01T10:00:00Z",
            ])
        #expect(
            missed(.fireAll(limit: 2), last: "2026-04-01T07:00:00Z", now: "2026-04-01T10:20:00Z") == [
                "2026-04-01T09:00:00Z", "2026-04-01T10:00:00Z",
            ])
        #expect(
            missed(.fireAll(limit: 0), last: "2026-04-01T07:00:00Z", now: "2026-04-01T10:20:00Z") == [
                "2026-04-01T10:00:00Z"
            ])
    }

    @Test(.timeLimit(.minutes(1)))
    func handlesAYearOfDowntimeWithoutWalkingIt() throws {
        let everySecond = try Schedule(cron: "* * * * * *", timeZone: "Europe/Paris")
        let last = utc("2025-04-01T00:00:00Z")
        let now = utc("2026-04-01T12:00:00.5Z")
        #expect(CatchUpPolicy.fireOnce.missedFires(schedule: everySecond, lastFire: last, now: now) == [now - 0.5])
        #expect(
            CatchUpPolicy.fireAll(limit: 3).missedFires(schedule: everySecond, lastFire: last, now: now) == [
                now - 2.5, now - 1.5, now - 0.5,
            ])
        #expect(CatchUpPolicy.skip.missedFires(schedule: everySecond, lastFire: last, now: now) == [now - 0.5])

        let daily = try Schedule(cron: "@daily", timeZone: "UTC")
        let all = CatchUpPolicy.fireAll(limit: 1_000).missedFires(
            schedule: daily, lastFire: utc("2025-01-01T00:00:00Z"), now: utc("2026-01-01T00:00:00Z"))
        #expect(all.count == 365)
        #expect(all.first == utc("2025-01-02T00:00:00Z"))
        #expect(all.last == utc("2026-01-01T00:00:00Z"))
    }

    @Test func catchesUpAcrossADaylightSavingChange() throws {
        // Every half hour in Paris, down over the night the clocks went back: the repeated hour fires once.
        let schedule = try Schedule(cron: "*/30 * * * *", timeZone: "Europe/Paris")
        let fires = CatchUpPolicy.fireAll(limit: 100).missedFires(
            schedule: schedule, lastFire: utc("2026-10-24T23:45:00Z"), now: utc("2026-10-25T02:10:00Z"))
        #expect(
            fires.map(iso) == [
                "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T02:00:00Z",
            ])
    }
}
