import Foundation
import WeftJSON
import WeftModel

/// Fires a flow at the instants of its cron schedule, catching up on instants missed while it was stopped as its
/// policy says. The message of each run is `{ "time": <the instant, ISO 8601> }`.
public struct ScheduleSource: TriggerSource {
    public let schedule: Schedule
    public let policy: CatchUpPolicy
    public let clock: any WeftClock
    public let state: any TriggerStateStore

    /// Creates the source of a `schedule:` trigger.
    public init(trigger: ScheduleTrigger, clock: any WeftClock, state: any TriggerStateStore) throws(CronError) {
        schedule = try Schedule(cron: trigger.cron, timeZone: trigger.timezone)
        switch trigger.catchUp {
        case .once: policy = .fireOnce
        case .skip: policy = .skip
        case .all: policy = .fireAll(limit: ScheduleSource.catchUpLimit)
        }
        self.clock = clock
        self.state = state
    }

    /// The most missed instants `catch_up: all` runs after a long stop.
    public static let catchUpLimit = 100

    public func run(
        deliver: @escaping @Sendable (TriggerDelivery) async -> DeliveryOutcome,
        report: @escaping @Sendable (TriggerNotice) -> Void
    ) async throws {
        let saved = try await state.load()?["last_fire"]?.stringValue.flatMap(ISO8601.date)
        var current = ScheduleState(schedule: schedule, policy: policy, lastFire: saved ?? clock.now())
        if saved == nil {
            // Remember when the trigger started: stopped before its first fire, it still catches up on what it
            // missed once restarted, instead of starting afresh from the restart.
            try await state.save(["last_fire": .string(ISO8601.string(current.lastFire))])
        }
        while !Task.isCancelled {
            guard let next = current.nextFire else {
                report(TriggerNotice(.info, "the schedule `\(schedule)` never fires again"))
                return
            }
            let wait = next.timeIntervalSince(clock.now())
            if wait > 0 { try await clock.sleep(for: DurationText.duration(seconds: wait)) }
            let before = current.lastFire
            var accepted = before
            var refused = false
            for instant in current.due(now: clock.now()) {
                let time = JSON.string(ISO8601.string(instant))
                let delivery = TriggerDelivery(
                    message: ["time": time],
                    event: ["type": "schedule", "time": time, "cron": .string(schedule.description)],
                    key: "schedule:" + ISO8601.string(instant))
                if await deliver(delivery) == .refused {
                    refused = true
                    break
                }
                accepted = instant
            }
            if refused {
                // Offer the refused instant again after a pause, from the last one accepted.
                report(TriggerNotice(.warning, "a scheduled run was refused; trying again in 5 s"))
                current = ScheduleState(schedule: schedule, policy: policy, lastFire: accepted)
                try await clock.sleep(for: .seconds(5))
            }
            if current.lastFire != before {
                try await state.save(["last_fire": .string(ISO8601.string(current.lastFire))])
            }
        }
    }
}
