import Foundation

extension Schedule {
    /// Where a wall-clock time falls on the time line of the schedule's time zone.
    enum Placement: Equatable {
        /// The wall-clock time occurs once, at `instant`.
        case once(instant: Int)
        /// The wall-clock time occurs twice (clocks were set back); `first` is the earlier occurrence.
        case twice(first: Int, second: Int)
        /// The wall-clock time does not occur (clocks were set forward). The gap ends at the instant `gapEnd`;
        /// `gapStart` is the first wall-clock time (local seconds) that does not occur.
        case skipped(gapEnd: Int, gapStart: Int)

        /// The instant a match at this wall-clock time fires: the only occurrence, the first one, or the end of
        /// the gap.
        var fireInstant: Int {
            switch self {
            case .once(let instant): instant
            case .twice(let first, _): first
            case .skipped(let gapEnd, _): gapEnd
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
    /// within a day and a half of it, as every real time zone does.
    func place(_ local: Int) -> Placement {
        let earlier = offset(at: local - 86_400)
        let later = offset(at: local + 86_400)
        var occurrences: [Int] = []
        for candidate in Set([earlier, later]).sorted(by: >) where offset(at: local - candidate) == candidate {
            occurrences.append(local - candidate)
        }
        switch occurrences.count {
        case 1:
            return .once(instant: occurrences[0])
        case 2:
            return .twice(first: occurrences[0], second: occurrences[1])
        default:
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
            return .skipped(gapEnd: high, gapStart: high + offset(at: high - 1))
        }
    }

    /// The first fire instant strictly after the instant `after`.
    func firstFire(after: Int) -> Int? {
        guard cron.canEverMatch else { return nil }
        // Every wall-clock time up to the one on the clock at `after` fires at or before `after`, since fire
        // instants grow with wall-clock time.
        var from = localSeconds(at: after) + 1
        let lastYear = CivilTime(localSeconds: from).year + Self.searchHorizonYears
        // A few rounds at most: the loop repeats only to step over wall-clock times that were repeated.
        for _ in 0..<16 {
            guard let local = cron.firstMatch(atOrAfter: from, lastYear: lastYear) else { return nil }
            let instant = place(local).fireInstant
            if instant > after { return instant }
            // `local` came round again after clocks went back; its first occurrence has passed. Skip to the
            // wall-clock times whose first occurrence is after `after`.
            from = max(local + 1, local + (after - instant) + 1)
        }
        return nil
    }

    /// The last fire instant at or before the instant `atOrBefore`.
    func lastFire(atOrBefore bound: Int) -> Int? {
        guard cron.canEverMatch else { return nil }
        // A wall-clock time that fires at or before `bound` reads at most the largest nearby offset past it.
        let largestOffset = max(offset(at: bound - 86_400), offset(at: bound), offset(at: bound + 86_400))
        var upTo = bound + largestOffset
        let firstYear = CivilTime(localSeconds: upTo).year - Self.searchHorizonYears
        for _ in 0..<16 {
            guard let local = cron.lastMatch(atOrBefore: upTo, firstYear: firstYear) else { return nil }
            let placement = place(local)
            let instant = placement.fireInstant
            if instant <= bound { return instant }
            if case .skipped(_, let gapStart) = placement {
                upTo = min(local, gapStart) - 1
            } else {
                upTo = min(local - 1, local - (instant - bound))
            }
        }
        return nil
    }

    /// The last fire instant at or before `date`.
    func latestFire(atOrBefore date: Date) -> Date? {
        guard let seconds = Self.wholeSeconds(date) else { return nil }
        return lastFire(atOrBefore: seconds).map(Self.date)
    }
}
