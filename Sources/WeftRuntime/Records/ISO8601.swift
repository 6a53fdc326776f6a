import Foundation

/// Dates as ISO 8601 text with milliseconds, in UTC: how records and trigger events write times.
public enum ISO8601 {
    /// `date` as `YYYY-MM-DDTHH:MM:SS.fffZ`.
    public static func string(_ date: Date) -> String {
        let milliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let seconds = Int((milliseconds / 1000).rounded(.down))
        let millis = Int(milliseconds) - seconds * 1000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// Reads what ``string(_:)`` writes (`YYYY-MM-DDTHH:MM:SS[.f[f[f]]]Z`); `nil` for anything else, a date or
    /// time that does not exist (February 30th, 24:00) among it.
    public static func date(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= digits.count else { return nil }
            var value = 0
            for byte in digits[start..<start + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func character(_ index: Int, is expected: Character) -> Bool {
            digits[index] == expected.asciiValue
        }
        guard (20...24).contains(digits.count), digits.count != 21, character(digits.count - 1, is: "Z"),
            character(4, is: "-"), character(7, is: "-"), character(10, is: "T"), character(13, is: ":"),
            character(16, is: ":"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var millis = 0
        if digits.count > 20 {
            // One to three fraction digits: `.5Z` is 500 ms.
            let count = digits.count - 21
            guard character(19, is: "."), let fraction = number(20, count) else { return nil }
            millis = fraction * [1, 100, 10, 1][count]
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        // `timegm` normalises an impossible date (February 30th becomes March 2nd); such text names no instant.
        guard parts.tm_mday == Int32(day), parts.tm_mon == Int32(month - 1) else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}
