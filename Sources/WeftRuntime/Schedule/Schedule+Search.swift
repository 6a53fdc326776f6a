import Foundation

extension Schedule {
    /// Where a wall-clock time falls on the time line of the schedule's time zone.
    enum Placement: Equatable {
        /// The wall-clock time occurs once, at `instant`.
        case once(instant: Int)
        /// The wall-clock time occurs twice (clocks were set back); `first` is the earlier occurrence.
        case twice(first: Int, second: Int)
        /// The wall-clock time does not occur (clocks were set forward); the gap ends at the instant `gapEnd`.
        case skipped(gapEnd: Int)

        /// The instant a match at this wall-clock time fires: the only occurrence, the first one, or the end of
        /// the gap.
        var fireInstant: Int {
            switch self {
            case .once(let instant): instant
            case .twice(let first, _): first
            case .skipped(let gapEnd): gapEnd
            }
        }
    }

    /// The offset from UTC, in seconds, in force at an instant.
    func offset(at instant: Int) -> Int {
        timeZone.secondsFromGMT(for: Self.date(instant))
    }

    /// The wall-clock time (local seconds) at an instant.
    func localSeconds(at instant: Int) -> Int {
        instant + offset(at: instant)
    }

    /// Where a wall-clock time (local seconds) falls. Assumes the time zone changes its offset at most once
    /// within a day and a half of it, as time zones in practice do.
    func place(_ local: Int) -> Placement {
        let earlier = offset(at: local - 86_400)
        let later = offset(at: local + 86_400)
        if earlier == later {
            return .once(instant: local - earlier)
        }
        switch (offset(at: local - earlier) == earlier, offset(at: local - later) == later) {
        case (true, true):
            return .twice(first: local - max(earlier, later), second: local - min(earlier, later))
        case (true, false):
            return .once(instant: local - earlier)
        case (false, true):
            return .once(instant: local - later)
        case (false, false):
            guard later > earlier else {
                // Not a simple gap; an odd history. Read the time with the later offset.
                return .once(instant: local - later)
            }
            // The change happened between `local - later` (old offset) and `local - earlier` (new offset).
            var low = local - later
            var high = local - earlier
            while high - low > 1 {
                let middle = low + (high - low) / 2
                if offset(at: middle) == later { high = middle } else { low = middle }
            }
            return .skipped(gapEnd: high)
        }
    }

    /// If the clocks were set back within the day before `instant` and `instant` lies in the stretch of
    /// wall-clock time that repeated, the wall-clock time (local seconds) at which that stretch ends.
    ///
    /// Between the change and the end of the stretch the wall clock shows times it already showed once, so
    /// their first occurrences — the ones that fire — are before `instant`.
    func repeatedStretchEnd(containing instant: Int) -> Int? {
        let now = offset(at: instant)
        let before = offset(at: instant - 86_400)
        guard before > now else { return nil }
        var low = instant - 86_400
        var high = instant
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if offset(at: middle) == now { high = middle } else { low = middle }
        }
        // `high` is the change: the wall clock read `high + before` and was set back to `high + now`.
        let end = high + before
        return instant + now < end ? end : nil
    }

    /// The first fire instant strictly after the instant `after`.
    ///
    /// Fire instants never decrease as wall-clock time increases, so the answer is the fire instant of the first
    /// matching wall-clock time after the one on the clock at `after` — except in a repeated stretch after the
    /// clocks went back, whose wall-clock times first occurred (and fired) earlier.
    func firstFire(after: Int) -> Int? {
        guard cron.canEverMatch else { return nil }
        var from = localSeconds(at: after) + 1
        if let end = repeatedStretchEnd(containing: after) {
            // Wall-clock times whose first occurrence, at the offset before the change, is after `after`.
            from = min(after + offset(at: after - 86_400) + 1, end)
        }
        let lastYear = CivilTime(localSeconds: from).year + Self.searchHorizonYears
        guard let local = cron.firstMatch(atOrAfter: from, lastYear: lastYear) else { return nil }
        return place(local).fireInstant
    }

    /// The last fire instant at or before the instant `bound`.
    ///
    /// The mirror of ``firstFire(after:)``: the fire instant of the last matching wall-clock time up to the one on
    /// the clock at `bound`, or, in a repeated stretch, of the last matching time whose first occurrence is not
    /// after `bound`.
    func lastFire(atOrBefore bound: Int) -> Int? {
        guard cron.canEverMatch else { return nil }
        var upTo = localSeconds(at: bound)
        if let end = repeatedStretchEnd(containing: bound) {
            upTo = min(bound + offset(at: bound - 86_400), end - 1)
        }
        let firstYear = CivilTime(localSeconds: upTo).year - Self.searchHorizonYears
        guard let local = cron.lastMatch(atOrBefore: upTo, firstYear: firstYear) else { return nil }
        return place(local).fireInstant
    }

    /// The last fire instant at or before `date`.
    func latestFire(atOrBefore date: Date) -> Date? {
        guard let seconds = Self.wholeSeconds(date) else { return nil }
        return lastFire(atOrBefore: seconds).map(Self.date)
    }
}
