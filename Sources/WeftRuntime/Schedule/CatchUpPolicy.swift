import Foundation

/// What a schedule trigger does about the fire instants that passed while it was not running.
///
/// The instants concerned are those of the schedule strictly after the last fire and at or before now. The
/// newest of them is *on time* when it is at most a tolerance old (``defaultTolerance``, one minute, absorbs a
/// scheduler that polls late or a slow process start); everything else is *missed*.
///
/// - ``skip``: run nothing that was missed; just resume. Only an on-time instant fires.
/// - ``fireOnce``: run once, at the newest instant, for everything that was missed. The default for Weft.
/// - ``fireAll(limit:)``: run every instant, oldest first, keeping only the newest `limit` of them.
///
/// ``fireOnce`` is the default because most scheduled flows *synchronise* — fetch what changed since the last
/// run, send the report of the day, refresh a token — and one run brings them up to date. Replaying every
/// missed tick after an outage would send a burst of identical work to the same rate-limited APIs just as they
/// come back, while skipping would silently drop a daily or weekly job until its next tick. Flows whose runs
/// stand for a period each (an hourly export of that hour's data) should choose ``fireAll(limit:)``; flows for
/// which a late run is worse than none (a 9 o'clock reminder) should choose ``skip``.
public enum CatchUpPolicy: Sendable, Hashable {
    /// Run nothing that was missed: only a fire instant that is on time runs.
    case skip
    /// Run once, at the newest fire instant, however many were missed.
    case fireOnce
    /// Run every fire instant that was missed, oldest first; when there are more than `limit`, only the newest
    /// `limit` run. A limit below 1 counts as 1.
    case fireAll(limit: Int)

    /// The policy of a schedule trigger that does not name one: ``fireOnce``.
    public static let `default` = CatchUpPolicy.fireOnce

    /// How old, in seconds, the newest fire instant may be and still count as on time: 60.
    public static let defaultTolerance: TimeInterval = 60

    /// The fire instants to run now, given the last instant that fired (or the moment the trigger started) and
    /// the time now, earliest first.
    ///
    /// Every instant returned is strictly after `lastFire` and at or before `now`. Nothing is returned when
    /// `now` is not after `lastFire`.
    ///
    /// - Parameters:
    ///   - tolerance: how old, in seconds, the newest instant may be and still count as on time (``skip`` only).
    public func missedFires(
        schedule: Schedule, lastFire: Date, now: Date, tolerance: TimeInterval = CatchUpPolicy.defaultTolerance
    ) -> [Date] {
        guard now > lastFire, let newest = schedule.latestFire(atOrBefore: now), newest > lastFire else { return [] }
        return fires(schedule: schedule, lastFire: lastFire, newest: newest, now: now, tolerance: tolerance)
    }

    /// The fire instants to run, knowing the newest instant at or before `now`, which is after `lastFire`.
    func fires(schedule: Schedule, lastFire: Date, newest: Date, now: Date, tolerance: TimeInterval) -> [Date] {
        switch self {
        case .skip:
            return now.timeIntervalSince(newest) <= tolerance ? [newest] : []
        case .fireOnce:
            return [newest]
        case .fireAll(let limit):
            var result = [newest]
            while result.count < max(limit, 1), let earlier = schedule.previousFire(before: result.last!),
                earlier > lastFire
            {
                result.append(earlier)
            }
            return result.reversed()
        }
    }
}
