import Foundation
import Testing
import WeftJSON
import WeftModel
import WeftTestSupport

@testable import WeftRuntime

/// `ScheduleSource` under a manual clock: a run at each cron instant with `{time}` as its message, the last fire
/// saved and resumed from, missed instants handled by `catch_up` (`once`, `skip`, `all` up to its limit) after a
/// stop, and a refused instant offered again rather than lost.
@Suite struct ScheduleSourceTests {
    private func source(
        _ yaml: String, clock: any WeftClock, state: MemoryTriggerState = MemoryTriggerState()
    ) throws -> ScheduleSource {
        try ScheduleSource(trigger: try TriggerFixture.schedule(yaml), clock: clock, state: state)
    }

    private func times(_ recorder: DeliveryRecorder) -> [String] {
        recorder.accepted.compactMap { $0.message["time"]?.stringValue }
    }

    private func lastFire(_ text: String) -> MemoryTriggerState {
        MemoryTriggerState(["last_fire": .string(text)])
    }

    @Test func firesAtEachCronInstant() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:00:00Z"), stopAfter: 3)
        let state = MemoryTriggerState()
        let recorder = DeliveryRecorder(clock: clock)
        try await recorder.watch(try source("schedule: { cron: \"*/15 * * * *\" }", clock: clock, state: state))
        #expect(
            times(recorder) == ["2026-01-01T00:15:00.000Z", "2026-01-01T00:30:00.000Z", "2026-01-01T00:45:00.000Z"])
        #expect(
            recorder.offers.map { iso($0.time) } == [
                "2026-01-01T00:15:00Z", "2026-01-01T00:30:00Z", "2026-01-01T00:45:00Z",
            ])
        #expect(clock.waits == [.seconds(900), .seconds(900), .seconds(900)])
        #expect(state.current == ["last_fire": "2026-01-01T00:45:00.000Z"])
        #expect(recorder.notices.isEmpty)
    }

    @Test func describesTheInstantInTheEvent() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:00:00Z"), stopAfter: 1)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source("schedule: { cron: \"@hourly\" }", clock: clock))
        let delivery = try #require(recorder.accepted.first)
        #expect(delivery.message == ["time": "2026-01-01T01:00:00.000Z"])
        #expect(delivery.event["type"] == "schedule")
        #expect(delivery.event["time"] == "2026-01-01T01:00:00.000Z")
        #expect(delivery.event["cron"]?.stringValue?.isEmpty == false)
        #expect(delivery.key == "schedule:2026-01-01T01:00:00.000Z")
    }

    @Test func readsTheCronInItsTimeZone() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:00:00Z"), stopAfter: 1)
        let recorder = DeliveryRecorder()
        let yaml = "schedule: { cron: \"0 9 * * *\", timezone: Europe/Paris }"
        try await recorder.watch(try source(yaml, clock: clock))
        #expect(times(recorder) == ["2026-01-01T08:00:00.000Z"])
    }

    @Test func refusesAnInvalidCron() throws {
        let trigger = try TriggerFixture.schedule("schedule: { cron: \"61 * * * *\" }")
        #expect(throws: CronError.self) {
            try ScheduleSource(trigger: trigger, clock: ManualClock(), state: MemoryTriggerState())
        }
    }

    @Test func resumesAfterTheSavedLastFire() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:40:00Z"), stopAfter: 2)
        let state = lastFire("2026-01-01T00:30:00.000Z")
        let recorder = DeliveryRecorder(clock: clock)
        try await recorder.watch(try source("schedule: { cron: \"*/15 * * * *\" }", clock: clock, state: state))
        #expect(times(recorder) == ["2026-01-01T00:45:00.000Z", "2026-01-01T01:00:00.000Z"])
        #expect(clock.waits == [.seconds(300), .seconds(900)])
        #expect(state.current == ["last_fire": "2026-01-01T01:00:00.000Z"])
    }

    @Test func remembersWhenItStartedBeforeItsFirstFire() async throws {
        // Started at 08:00 for a 09:00 schedule and stopped at once; back the next day at 10:00, it catches up on
        // what it missed.
        let stopped = StoppingClock(start: utc("2026-01-01T08:00:00Z"), stopAfter: 1, throwsOnStop: true)
        let state = MemoryTriggerState()
        let yaml = "schedule: { cron: \"0 9 * * *\", catch_up: once }"
        let first = DeliveryRecorder()
        await #expect(throws: CancellationError.self) {
            try await first.watch(try source(yaml, clock: stopped, state: state))
        }
        #expect(first.offers.isEmpty)
        #expect(state.current == ["last_fire": "2026-01-01T08:00:00.000Z"])

        let restarted = StoppingClock(start: utc("2026-01-02T10:00:00Z"), stopAfter: 1, throwsOnStop: true)
        let second = DeliveryRecorder()
        await #expect(throws: CancellationError.self) {
            try await second.watch(try source(yaml, clock: restarted, state: state))
        }
        #expect(times(second) == ["2026-01-02T09:00:00.000Z"])
    }

    @Test func catchesUpOnceAfterAGap() async throws {
        // Stopped at 20:00; back at 00:20: 21:00, 22:00, 23:00 and 00:00 were missed.
        let clock = StoppingClock(start: utc("2026-01-01T00:20:00Z"), stopAfter: 1)
        let recorder = DeliveryRecorder(clock: clock)
        let state = lastFire("2025-12-31T20:00:00.000Z")
        try await recorder.watch(
            try source("schedule: { cron: \"0 * * * *\", catch_up: once }", clock: clock, state: state))
        #expect(times(recorder) == ["2026-01-01T00:00:00.000Z", "2026-01-01T01:00:00.000Z"])
        #expect(recorder.offers.first.map { iso($0.time) } == "2026-01-01T00:20:00Z", "caught up at once")
    }

    @Test func skipsWhatWasMissed() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:20:00Z"), stopAfter: 1)
        let recorder = DeliveryRecorder()
        let state = lastFire("2025-12-31T20:00:00.000Z")
        try await recorder.watch(
            try source("schedule: { cron: \"0 * * * *\", catch_up: skip }", clock: clock, state: state))
        #expect(times(recorder) == ["2026-01-01T01:00:00.000Z"])
        #expect(state.current == ["last_fire": "2026-01-01T01:00:00.000Z"])
    }

    @Test func catchesUpOnEveryMissedInstant() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:20:00Z"), stopAfter: 1)
        let recorder = DeliveryRecorder()
        let state = lastFire("2025-12-31T20:00:00.000Z")
        try await recorder.watch(
            try source("schedule: { cron: \"0 * * * *\", catch_up: all }", clock: clock, state: state))
        #expect(
            times(recorder) == [
                "2025-12-31T21:00:00.000Z", "2025-12-31T22:00:00.000Z", "2025-12-31T23:00:00.000Z",
                "2026-01-01T00:00:00.000Z", "2026-01-01T01:00:00.000Z",
            ])
    }

    @Test func catchesUpOnTheNewestInstantsUpToTheLimit() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:00:30Z"), stopAfter: 1)
        let recorder = DeliveryRecorder()
        let state = lastFire("2025-12-30T00:00:00.000Z")
        try await recorder.watch(
            try source("schedule: { cron: \"* * * * *\", catch_up: all }", clock: clock, state: state))
        let fired = times(recorder)
        #expect(fired.count == ScheduleSource.catchUpLimit + 1)
        #expect(fired.first == "2025-12-31T22:21:00.000Z")
        #expect(fired.dropLast().last == "2026-01-01T00:00:00.000Z")
        #expect(fired.last == "2026-01-01T00:01:00.000Z")
    }

    @Test func offersARefusedInstantAgain() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:00:00Z"), stopAfter: 3)
        let state = MemoryTriggerState()
        let recorder = DeliveryRecorder(clock: clock, refusing: [0])
        try await recorder.watch(try source("schedule: { cron: \"*/15 * * * *\" }", clock: clock, state: state))
        #expect(
            recorder.offers.map { $0.delivery.message["time"]?.stringValue } == [
                "2026-01-01T00:15:00.000Z", "2026-01-01T00:15:00.000Z", "2026-01-01T00:30:00.000Z",
            ])
        #expect(recorder.offers.map(\.outcome) == [.refused, .accepted, .accepted])
        #expect(clock.waits == [.seconds(900), .seconds(5), .seconds(895)])
        #expect(recorder.notices.map(\.level) == [.warning])
        #expect(state.current == ["last_fire": "2026-01-01T00:30:00.000Z"])
    }

    @Test func offersTheRestOfACatchUpAgainAfterARefusal() async throws {
        let clock = StoppingClock(start: utc("2026-01-01T00:20:00Z"), stopAfter: 2)
        let state = lastFire("2025-12-31T20:00:00.000Z")
        let recorder = DeliveryRecorder(refusing: [1])
        try await recorder.watch(
            try source("schedule: { cron: \"0 * * * *\", catch_up: all }", clock: clock, state: state))
        #expect(
            recorder.offers.map { $0.delivery.message["time"]?.stringValue } == [
                "2025-12-31T21:00:00.000Z", "2025-12-31T22:00:00.000Z", "2025-12-31T22:00:00.000Z",
                "2025-12-31T23:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-01T01:00:00.000Z",
            ])
        #expect(recorder.offers.map(\.outcome) == [.accepted, .refused, .accepted, .accepted, .accepted, .accepted])
        #expect(state.current == ["last_fire": "2026-01-01T01:00:00.000Z"])
    }

    @Test func aRefusalSavesOnlyWhatWasAccepted() async throws {
        // Refused at its first instant, then stopped during the pause: the saved state is untouched.
        let clock = StoppingClock(start: utc("2026-01-01T00:00:00Z"), stopAfter: 2)
        let state = lastFire("2025-12-31T23:45:00.000Z")
        let recorder = DeliveryRecorder(refusing: [0, 1])
        try await recorder.watch(try source("schedule: { cron: \"*/15 * * * *\" }", clock: clock, state: state))
        #expect(recorder.accepted.isEmpty)
        #expect(state.current == ["last_fire": "2025-12-31T23:45:00.000Z"])
    }
}
