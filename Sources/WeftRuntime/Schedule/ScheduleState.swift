import Foundation

/// The state of one `schedule` trigger: which fire instant it has dealt with last, and which are due now.
///
/// A plain value with no clock of its own: the caller passes the time to ``due(now:)`` and persists
/// ``lastFire`` after each call. Each fire instant is returned at most once, whatever sequence of times is
/// passed in: ``lastFire`` only moves forward, so a clock set back never makes past instants due again, and
/// after a long gap the ``policy`` decides what runs.
public struct ScheduleState: Sendable, Hashable {
    /// When the trigger fires.
    public let schedule: Schedule
    /// What to do with fire instants that passed unnoticed.
    public var policy: CatchUpPolicy
    /// How old, in seconds, the newest fire instant may be and still count as on time.
    public var tolerance: TimeInterval
    /// The newest fire instant dealt with — fired, or passed over by the catch-up policy — or, before any, the
    /// moment the trigger started. Only instants after it can become due.
    public private(set) var lastFire: Date

    /// Creates the state of a trigger.
    ///
    /// - Parameters:
    ///   - lastFire: the last instant dealt with, as persisted; for a new trigger, the moment it was enabled
    ///     (instants before it never fire).
    public init(
        schedule: Schedule, policy: CatchUpPolicy = .default, lastFire: Date,
        tolerance: TimeInterval = CatchUpPolicy.defaultTolerance
    ) {
        self.schedule = schedule
        self.policy = policy
        self.lastFire = lastFire
        self.tolerance = tolerance
    }

    /// The next fire instant after ``lastFire``: when to call ``due(now:)`` next, or `nil` if the schedule never
    /// fires again.
    public var nextFire: Date? {
        schedule.nextFire(after: lastFire)
    }

    /// The fire instants due at `now`, earliest first, per the catch-up policy; moves ``lastFire`` to the newest
    /// instant at or before `now`, so none of them, nor any instant passed over, is due again.
    ///
    /// Returns nothing, and changes nothing, when `now` is not after ``lastFire`` (as when the clock was set back).
    public mutating func due(now: Date) -> [Date] {
        guard now > lastFire, let newest = schedule.latestFire(atOrBefore: now), newest > lastFire else {
            return []
        }
        let fires = policy.fires(schedule: schedule, lastFire: lastFire, newest: newest, now: now, tolerance: tolerance)
        lastFire = newest
        return fires
    }
}
