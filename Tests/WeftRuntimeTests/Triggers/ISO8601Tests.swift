import Foundation
import Testing

@testable import WeftRuntime

/// `ISO8601`: dates written as `YYYY-MM-DDTHH:MM:SS.fffZ` in UTC, read back to the same instant, and text that
/// is not exactly that form (or names no real instant) read as `nil`.
@Suite struct ISO8601Tests {
    @Test func writesUTCWithMilliseconds() {
        #expect(ISO8601.string(Date(timeIntervalSince1970: 1_767_225_600)) == "2026-01-01T00:00:00.000Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 1_767_225_600.123)) == "2026-01-01T00:00:00.123Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 951_825_600)) == "2000-02-29T12:00:00.000Z")
        #expect(ISO8601.string(Date(timeIntervalSince1970: 1_767_225_599.9999)) == "2025-12-31T23:59:59.999Z")
    }

    @Test func readsWhatItWrites() {
        for seconds in [0, 1_767_225_600, 1_767_225_600.5, 951_825_600.007, 4_102_444_799.999, -86_400.25] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = ISO8601.string(date)
            let read = ISO8601.date(text)
            #expect(read.map { abs($0.timeIntervalSince(date)) < 0.000_5 } == true, "\(text)")
            #expect(read.map(ISO8601.string) == text)
        }
    }

    @Test func readsFractionsOfOneToThreeDigits() {
        let base = 1_767_225_600.0
        #expect(ISO8601.date("2026-01-01T00:00:00Z")?.timeIntervalSince1970 == base)
        #expect(ISO8601.date("2026-01-01T00:00:00.5Z")?.timeIntervalSince1970 == base + 0.5)
        #expect(ISO8601.date("2026-01-01T00:00:00.25Z")?.timeIntervalSince1970 == base + 0.25)
        #expect(ISO8601.date("2026-01-01T00:00:00.125Z")?.timeIntervalSince1970 == base + 0.125)
        #expect(ISO8601.date("2024-02-29T23:59:59Z")?.timeIntervalSince1970 == 1_709_251_199)
    }

    @Test func everyMillisecondSurvivesARoundTrip() {
        for millisecond in 0..<1000 {
            let digits = String(millisecond)
            let text = "2026-06-30T23:59:59." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
            #expect(ISO8601.date(text).map(ISO8601.string) == text)
        }
    }

    @Test(arguments: [
        "", "Z", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01T00:00:00z", "2026-01-01 00:00:00Z",
        "2026/01/01T00:00:00Z", "2026-01-01T00-00-00Z", "2026-01-01T00:00:00+01:00", "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00.1234Z", "2026-01-01T00:00:00,5Z", "2026-01-01T0a:00:00Z", "2026-01-01T00:00:00.-1Z",
        "+2026-01-01T00:00:00Z", "26-01-01T00:00:00Z", "2026-1-01T00:00:00Z",
        "2026-01-01T00:00:00.123456789012345678901234567890Z",
    ])
    func readsMalformedTextAsNil(_ text: String) {
        #expect(ISO8601.date(text) == nil)
    }

    @Test(arguments: [
        "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-01-00T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z",
    ])
    func readsImpossibleDatesAsNil(_ text: String) {
        #expect(ISO8601.date(text) == nil)
    }
}
