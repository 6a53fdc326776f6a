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

    /// Reads what ``string(_:)`` writes (`YYYY-MM-DDTHH:MM:SS[.fff]Z`); `nil` for anything else.
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
        guard digits.count >= 20, digits.last == UInt8(ascii: "Z"), digits[4] == UInt8(ascii: "-"),
            digits[7] == UInt8(ascii: "-"), digits[10] == UInt8(ascii: "T"),
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var millis = 0
        if digits.count > 20 {
            guard digits[19] == UInt8(ascii: "."), let fraction = number(20, digits.count - 21), digits.count - 21 <= 3
            else { return nil }
            millis = fraction * [1, 100, 10, 1][digits.count - 21]
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }
}
