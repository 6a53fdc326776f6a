import Testing

@testable import JSONata

@Suite("toMillis pictures")
struct DateTimeParserTests {
    /// 2024-02-29T00:00:00Z.
    static let leapDay = 1_709_164_800_000.0

    @Test(
        "reads ISO 8601 timestamps without a picture",
        arguments: [
            ("1970-01-01T00:00:00Z", 0),
            ("2024", 1_704_067_200_000),
            ("2024-02", 1_706_745_600_000),
            ("2024-02-29", 1_709_164_800_000),
            ("2024-02-29T10:30", 1_709_202_600_000),
            ("2024-02-29T10:30:15", 1_709_202_615_000),
            ("2024-02-29 10:30:15.5Z", 1_709_202_615_500),
            ("2024-02-29T10:30:15.123456Z", 1_709_202_615_123),
            ("2024-02-29T10:30:15+01:00", 1_709_199_015_000),
            ("2024-02-29T10:30:15-0130", 1_709_208_015_000),
            ("1969-12-31T23:59:59.999Z", -1),
        ] as [(String, Double)])
    func iso(text: String, expected: Double) throws {
        #expect(try parseDateTime(text, picture: nil) == expected)
    }

    @Test(
        "rejects text that is not ISO 8601",
        arguments: ["29-02-2024", "2024-2-29", "2024-13-01", "24", "", "2024-02-29T10"])
    func notISO(text: String) {
        expectError("D3110") { () throws(JSONataError) in _ = try parseDateTime(text, picture: nil) }
    }

    @Test(
        "reads components in many presentations",
        arguments: [
            ("2024-02-29", "[Y0001]-[M01]-[D01]"),
            ("20240229", "[Y0001][M01][D01]"),
            ("29/2/2024", "[D]/[M]/[Y]"),
            ("29th of February 2024", "[D1o] of [MNn] [Y]"),
            ("29 FEB 2024", "[D] [MN,3-3] [Y]"),
            ("Thursday 29 Feb 2024", "[FNn] [D] [MNn] [Y]"),
            ("twenty-ninth February two thousand and twenty-four", "[Dw] [MNn] [Yw]"),
            ("Twenty-Nine 2 MMXXIV", "[DWw] [M] [YI]"),
            ("ac b mmxxiv", "[Da] [Ma] [Yi]"),
            ("2024-060", "[Y]-[d001]"),
            ("sixtieth day of 2024", "[dwo] day of [Y]"),
            ("\u{0662}\u{0660}\u{0662}\u{0664}-02-29", "[Y\u{0660}\u{0660}\u{0660}\u{0661}]-[M01]-[D01]"),
            ("2,024-2-29", "[Y0,000,*]-[M]-[D]"),
        ])
    func dates(text: String, picture: String) throws {
        #expect(try parseDateTime(text, picture: picture) == Self.leapDay)
    }

    @Test("reads times, the 12-hour clock and offsets")
    func times() throws {
        let picture = "[Y]-[M]-[D] [h]:[m01] [P]"
        #expect(try parseDateTime("2024-02-29 12:15 am", picture: picture) == Self.leapDay + 15 * 60_000)
        #expect(try parseDateTime("2024-02-29 12:15 PM", picture: picture) == Self.leapDay + 735 * 60_000)
        #expect(try parseDateTime("2024-02-29 1:15 pm", picture: picture) == Self.leapDay + 795 * 60_000)
        let precise = "[Y]-[M]-[D]T[H]:[m]:[s].[f001]"
        #expect(try parseDateTime("2024-02-29T01:02:03.045", picture: precise) == Self.leapDay + 3_723_045)
        #expect(try parseDateTime("2024-02-29T01:02:03.5", picture: precise) == Self.leapDay + 3_723_500)
        let zoned = "[Y]-[M]-[D] [H]:[m] [Z]"
        #expect(try parseDateTime("2024-02-29 10:00 +05:30", picture: zoned) == Self.leapDay + 16_200_000)
        #expect(try parseDateTime("2024-02-29 10:00 -0100", picture: zoned) == Self.leapDay + 39_600_000)
        #expect(try parseDateTime("2024-02-29 10:00 Z", picture: zoned) == Self.leapDay + 36_000_000)
        let gmt = "[Y]-[M]-[D] [H]:[m] [z]"
        #expect(try parseDateTime("2024-02-29 10:00 GMT+2", picture: gmt) == Self.leapDay + 28_800_000)
    }

    @Test("fills missing high-order parts from now and low-order parts with their start")
    func defaults() throws {
        // now = 2024-02-29T17:04:09.045Z
        let now = 1_709_226_249_045.0
        #expect(try parseDateTime("08:30", picture: "[H]:[m]", now: now) == Self.leapDay + 30_600_000)
        #expect(try parseDateTime("15", picture: "[D]", now: now) == 1_707_955_200_000)
        #expect(try parseDateTime("2023", picture: "[Y]", now: now) == 1_672_531_200_000)
        #expect(try parseDateTime("March", picture: "[MNn]", now: now) == 1_709_251_200_000)
        #expect(try parseDateTime("Friday", picture: "[FNn] [Y]", now: now) == nil)
    }

    @Test("returns nil when the text does not match the picture")
    func noMatch() throws {
        #expect(try parseDateTime("2024/02/29", picture: "[Y]-[M]-[D]") == nil)
        #expect(try parseDateTime("2024-02-29 extra", picture: "[Y]-[M]-[D]") == nil)
        #expect(try parseDateTime("Smarch 2024", picture: "[MNn] [Y]") == nil)
        #expect(try parseDateTime("", picture: "[Y]") == nil)
    }

    @Test(
        "rejects pictures that cannot determine an instant",
        arguments: [
            ("[M]-[D] [m]", "D3136"),
            ("[Y] [H]", "D3136"),
            ("[X]-[W]-[F]", "D3136"),
            ("[Y]-[x]-[w]", "D3136"),
            ("[FNn]", "D3136"),
            ("[Y]-[M]-[q]", "D3132"),
            ("[YN]", "D3133"),
            ("[Y]-[M", "D3135"),
        ])
    func errors(picture: String, code: String) {
        expectError(code) { () throws(JSONataError) in _ = try parseDateTime("2024", picture: picture) }
    }

    @Test("round-trips what fromMillis writes")
    func roundTrip() throws {
        let instant = 1_709_226_249_045.0
        for picture in [
            "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]", "[FNn], [D1o] [MNn] [Y] [h]:[m]:[s].[f001] [Pn]",
            "[Dwo] [MNn,*-3] [YWw] [H]:[m]:[s].[f001]", "[Y]-[d] [H01][m][s][f001]",
        ] {
            let text = try formatDateTime(millis: instant, picture: picture, timezone: nil)
            #expect(try parseDateTime(text, picture: picture) == instant, "\(picture): \(text)")
        }
    }
}

extension DateTimeParserTests {
    @Test("treats oversized values and runaway backtracking as no match")
    func limits() throws {
        #expect(try parseDateTime(String(repeating: "9", count: 40), picture: "[Y]") == nil)
        #expect(try parseDateTime("ten billion trillion", picture: "[Yw]") == nil)
        let picture = String(repeating: "[Y]", count: 12) + "x"
        #expect(try parseDateTime(String(repeating: "1", count: 60), picture: picture) == nil)
    }
}
