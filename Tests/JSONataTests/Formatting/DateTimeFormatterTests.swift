import Testing

@testable import JSONata

@Suite("fromMillis pictures")
struct DateTimeFormatterTests {
    /// 2024-02-29T17:04:09.045Z, a Thursday in ISO week 9.
    static let leapDay = 1_709_226_249_045.0

    @Test("writes ISO 8601 like JavaScript without picture or time zone")
    func iso() throws {
        #expect(try formatDateTime(millis: 0, picture: nil, timezone: nil) == "1970-01-01T00:00:00.000Z")
        #expect(try formatDateTime(millis: -1, picture: nil, timezone: nil) == "1969-12-31T23:59:59.999Z")
        #expect(try formatDateTime(millis: Self.leapDay, picture: nil, timezone: nil) == "2024-02-29T17:04:09.045Z")
        #expect(try formatDateTime(millis: 1.9, picture: nil, timezone: nil) == "1970-01-01T00:00:00.001Z")
        #expect(
            try formatDateTime(millis: -62_198_755_200_000, picture: nil, timezone: nil)
                == "-000001-01-01T00:00:00.000Z")
        #expect(
            try formatDateTime(millis: 253_402_300_800_000, picture: nil, timezone: nil)
                == "+010000-01-01T00:00:00.000Z")
    }

    @Test("applies the default picture with a time zone")
    func defaultPictureWithTimezone() throws {
        #expect(
            try formatDateTime(millis: Self.leapDay, picture: nil, timezone: "+0530")
                == "2024-02-29T22:34:09.045+05:30")
        #expect(
            try formatDateTime(millis: Self.leapDay, picture: nil, timezone: "-1000")
                == "2024-02-29T07:04:09.045-10:00")
        #expect(try formatDateTime(millis: Self.leapDay, picture: nil, timezone: "0000") == "2024-02-29T17:04:09.045Z")
    }

    @Test(
        "writes components with presentation and width modifiers",
        arguments: [
            ("[Y0001]-[M01]-[D01]", "2024-02-29"),
            ("[D]/[M]/[Y]", "29/2/2024"),
            ("[Y,2]", "2024"),
            ("[Y,2-2]", "24"),
            ("[Y01]", "2024"),
            ("[D9,3]", "029"),
            ("[Y0,000,*]", "2,024"),
            ("[M,2]", "02"),
            ("[MNn]", "February"),
            ("[MN,*-3]", "FEB"),
            ("[Mn,5-5]", "febru"),
            ("[MNn,10]", "February  "),
            ("[FNn]", "Thursday"),
            ("[F]", "thursday"),
            ("[F1]", "4"),
            ("[d]", "60"),
            ("[d001]", "060"),
            ("[W]", "9"),
            ("[X]-W[W01]-[F1]", "2024-W09-4"),
            ("[w] [xNn]", "5 February"),
            ("[H01]:[m]:[s].[f001]", "17:04:09.045"),
            ("[h]:[m01] [P]", "5:04 pm"),
            ("[h] [PN]", "5 PM"),
            ("[f01]", "04"),
            ("[f1]", "0"),
            ("[f001,4-4]", "0450"),
            ("[D1o] [MNn]", "29th February"),
            ("[Dwo] of [MNn]", "twenty-ninth of February"),
            ("[DW]", "TWENTY-NINE"),
            ("[YWw]", "Two Thousand and Twenty-Four"),
            ("[YI]", "MMXXIV"),
            ("[Mi]", "ii"),
            ("[Da]", "ac"),
            ("[MA]", "B"),
            ("[C] [E]", "ISO ISO"),
            ("[Y \t0001 ]", "2024"),
            ("[[[Y]]] ]]x", "[2024] ]x"),
            ("Date: [D#1] ok]", "Date: 29 ok]"),
            ("[Y\u{0660}\u{0660}\u{0660}\u{0661}]", "\u{0662}\u{0660}\u{0662}\u{0664}"),
        ])
    func components(picture: String, expected: String) throws {
        #expect(try formatDateTime(millis: Self.leapDay, picture: picture, timezone: nil) == expected)
    }

    @Test(
        "writes time zone offsets",
        arguments: [
            ("+0530", "[Z]", "+05:30"),
            ("+0530", "[Z0]", "+5:30"),
            ("-0500", "[Z0]", "-5"),
            ("-0500", "[Z01]", "-05"),
            ("+0530", "[Z0001]", "+0530"),
            ("+0530", "[Z001]", "+530"),
            ("+0000", "[Z]", "+00:00"),
            ("+0000", "[Z01:01t]", "Z"),
            ("-0130", "[z]", "GMT-01:30"),
            ("+0100", "[H]:[m] [z0]", "18:04 GMT+1"),
            ("+01", "[H]", "18"),
            ("nonsense", "[H]", "17"),
        ])
    func timezones(timezone: String, picture: String, expected: String) throws {
        #expect(try formatDateTime(millis: Self.leapDay, picture: picture, timezone: timezone) == expected)
    }

    @Test("crosses the date line with the offset")
    func offsetChangesDate() throws {
        let picture = "[Y0001]-[M01]-[D01] [H01]:[m01] [FNn]"
        #expect(try formatDateTime(millis: 0, picture: picture, timezone: "-0100") == "1969-12-31 23:00 Wednesday")
        #expect(try formatDateTime(millis: 0, picture: picture, timezone: "+1400") == "1970-01-01 14:00 Thursday")
    }

    @Test("numbers weeks the ISO way and weeks of the month by their Thursday")
    func weeks() throws {
        // Friday 2021-01-01 belongs to 2020-W53 and to December's fifth week.
        let newYear = 1_609_459_200_000.0
        #expect(
            try formatDateTime(millis: newYear, picture: "[X]-[W]-[F1] [w] [xNn]", timezone: nil)
                == "2020-53-5 5 December")
        // Monday 2024-09-30 belongs to the first week of October.
        let monday = 1_727_654_400_000.0
        #expect(try formatDateTime(millis: monday, picture: "[w] [xNn] [W]", timezone: nil) == "1 October 40")
    }

    @Test(
        "rejects invalid pictures",
        arguments: [
            ("[Q]", "D3132"),
            ("[]", "D3132"),
            ("[YN]", "D3133"),
            ("[HNn]", "D3133"),
            ("[Z000001]", "D3134"),
            ("[Y", "D3135"),
            ("[YN] [M", "D3135"),
            ("[D\u{03B1}]", "D3130"),
            ("[M0\u{FF10}]", "D3131"),
        ])
    func errors(picture: String, code: String) {
        expectError(code) { () throws(JSONataError) in
            _ = try formatDateTime(millis: 0, picture: picture, timezone: nil)
        }
    }

    @Test("rejects timestamps outside JavaScript's date range")
    func outOfRange() {
        expectError("D3110") { () throws(JSONataError) in
            _ = try formatDateTime(millis: .nan, picture: nil, timezone: nil)
        }
        expectError("D3110") { () throws(JSONataError) in
            _ = try formatDateTime(millis: 9e15, picture: "[Y]", timezone: nil)
        }
    }

    @Test("converts between day numbers and civil dates")
    func civilCalendar() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(year: 2024, month: 13, day: 1) == CivilCalendar.days(year: 2025, month: 1, day: 1))
        #expect(CivilCalendar.days(year: 2024, month: 0, day: 31) == CivilCalendar.days(year: 2023, month: 12, day: 31))
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilCalendar.date(days: days)
            #expect(CivilCalendar.days(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilCalendar.date(days: -719_468) == (0, 3, 1))
        #expect(CivilCalendar.weekday(days: 0) == 4)
        #expect(CivilCalendar.weekday(days: -1) == 3)
        #expect(CivilCalendar.weekday(days: 4) == 1)
    }
}

extension DateTimeFormatterTests {
    @Test("caps width modifiers")
    func widthCap() throws {
        let text = try formatDateTime(millis: 0, picture: "[D,99999999999]", timezone: nil)
        #expect(text.count == DateTimeMarker.widestWidth)
        #expect(text.hasSuffix("01"))
    }
}
