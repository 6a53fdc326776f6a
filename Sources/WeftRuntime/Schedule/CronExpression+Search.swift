extension CronExpression {
    /// The earliest wall-clock time at or after `localSeconds` that the expression matches, as local seconds,
    /// looking no further than the end of `lastYear`.
    ///
    /// Skips by field: a month that does not match is skipped whole, then days, hours, minutes and seconds, so
    /// the work is bounded by about 12 months × 31 days per year searched.
    func firstMatch(atOrAfter localSeconds: Int, lastYear: Int) -> Int? {
        var time = CivilTime(localSeconds: localSeconds)
        while time.year <= lastYear {
            guard let month = months.first(atLeast: time.month) else {
                time = CivilTime(year: time.year + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0)
                continue
            }
            if month != time.month {
                time = CivilTime(year: time.year, month: month, day: 1, hour: 0, minute: 0, second: 0)
            }
            let length = CivilTime.daysInMonth(year: time.year, month: time.month)
            var day = time.day
            while day <= length && !matchesDay(year: time.year, month: time.month, day: day) {
                day += 1
            }
            if day > length {
                time =
                    time.month == 12
                    ? CivilTime(year: time.year + 1, month: 1, day: 1, hour: 0, minute: 0, second: 0)
                    : CivilTime(year: time.year, month: time.month + 1, day: 1, hour: 0, minute: 0, second: 0)
                continue
            }
            if day != time.day {
                (time.day, time.hour, time.minute, time.second) = (day, 0, 0, 0)
            }
            guard let hour = hours.first(atLeast: time.hour) else {
                (time.day, time.hour, time.minute, time.second) = (time.day + 1, 0, 0, 0)
                continue
            }
            if hour != time.hour {
                (time.hour, time.minute, time.second) = (hour, 0, 0)
            }
            guard let minute = minutes.first(atLeast: time.minute) else {
                (time.hour, time.minute, time.second) = (time.hour + 1, 0, 0)
                continue
            }
            if minute != time.minute {
                (time.minute, time.second) = (minute, 0)
            }
            guard let second = seconds.first(atLeast: time.second) else {
                (time.minute, time.second) = (time.minute + 1, 0)
                continue
            }
            time.second = second
            return time.localSeconds
        }
        return nil
    }

    /// The latest wall-clock time at or before `localSeconds` that the expression matches, as local seconds,
    /// looking no further back than the start of `firstYear`.
    func lastMatch(atOrBefore localSeconds: Int, firstYear: Int) -> Int? {
        var time = CivilTime(localSeconds: localSeconds)
        while time.year >= firstYear {
            guard let month = months.last(atMost: time.month) else {
                time = CivilTime(year: time.year - 1, month: 12, day: 31, hour: 23, minute: 59, second: 59)
                continue
            }
            if month != time.month {
                time = CivilTime(year: time.year, month: month, day: 31, hour: 23, minute: 59, second: 59)
            }
            let length = CivilTime.daysInMonth(year: time.year, month: time.month)
            if time.day > length {
                (time.day, time.hour, time.minute, time.second) = (length, 23, 59, 59)
            }
            var day = time.day
            while day >= 1 && !matchesDay(year: time.year, month: time.month, day: day) {
                day -= 1
            }
            if day < 1 {
                time =
                    time.month == 1
                    ? CivilTime(year: time.year - 1, month: 12, day: 31, hour: 23, minute: 59, second: 59)
                    : CivilTime(year: time.year, month: time.month - 1, day: 31, hour: 23, minute: 59, second: 59)
                continue
            }
            if day != time.day {
                (time.day, time.hour, time.minute, time.second) = (day, 23, 59, 59)
            }
            guard let hour = hours.last(atMost: time.hour) else {
                (time.day, time.hour, time.minute, time.second) = (time.day - 1, 23, 59, 59)
                continue
            }
            if hour != time.hour {
                (time.hour, time.minute, time.second) = (hour, 59, 59)
            }
            guard let minute = minutes.last(atMost: time.minute) else {
                (time.hour, time.minute, time.second) = (time.hour - 1, 59, 59)
                continue
            }
            if minute != time.minute {
                (time.minute, time.second) = (minute, 59)
            }
            guard let second = seconds.last(atMost: time.second) else {
                (time.minute, time.second) = (time.minute - 1, 59)
                continue
            }
            time.second = second
            return time.localSeconds
        }
        return nil
    }
}
