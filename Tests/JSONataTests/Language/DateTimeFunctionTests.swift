import Testing
import WeftJSON

@testable import JSONata

@Suite("Date and time functions")
struct DateTimeFunctionTests {
    /// 2023-11-14T22:13:20.000Z, a Tuesday.
    static let fixedClock = EvaluationOptions(clock: { 1_700_000_000_000 })

    @Test(
        "$now and $millis read the clock of the options",
        arguments: [
            ("$millis()", 1_700_000_000_000),
            ("$now()", "2023-11-14T22:13:20.000Z"),
            ("$now('[Y0001]-[M01]-[D01]')", "2023-11-14"),
            ("$now('[H01]:[m01]', '+0100')", "23:13"),
            ("$now() = $now()", true),
            ("$millis() = $millis()", true),
            ("$toMillis($now())", 1_700_000_000_000),
        ] as [(String, JSON?)])
    func clock(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression, options: Self.fixedClock) == expected)
    }

    @Test("the clock is read once per evaluation")
    func clockReadOnce() throws {
        #expect(
            try evaluate("[1..50].$millis() ~> $distinct", options: Self.fixedClock) == 1_700_000_000_000)
    }

    @Test(
        "$fromMillis formats",
        arguments: [
            ("$fromMillis(0)", "1970-01-01T00:00:00.000Z"),
            ("$fromMillis(1700000000000)", "2023-11-14T22:13:20.000Z"),
            ("$fromMillis(1700000000000, '[Y]-[M01]-[D01] [H01]:[m]:[s]')", "2023-11-14 22:13:20"),
            ("$fromMillis(1700000000000, '[FNn], [D1o] [MNn] [Y]')", "Tuesday, 14th November 2023"),
            (
                "$fromMillis(1700000000000, '[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01][Z]', '-0500')",
                "2023-11-14T17:13:20-05:00"
            ),
            ("$fromMillis(1700000000000, '[h]:[m01] [P]')", "10:13 pm"),
            ("$fromMillis(nothing)", nil),
        ] as [(String, JSON?)])
    func fromMillis(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "$toMillis parses",
        arguments: [
            ("$toMillis('2023-11-14T22:13:20.000Z')", 1_700_000_000_000),
            ("$toMillis('1970-01-01T00:00:01Z')", 1000),
            ("$toMillis('2023-11-14T23:13:20+01:00')", 1_700_000_000_000),
            ("$toMillis('2023-11-14', '[Y0001]-[M01]-[D01]')", 1_699_920_000_000),
            ("$toMillis('14/11/2023 22:13', '[D01]/[M01]/[Y0001] [H01]:[m01]')", 1_699_999_980_000),
            ("$toMillis(nothing)", nil),
        ] as [(String, JSON?)])
    func toMillis(expression: String, expected: JSON?) throws {
        #expect(try evaluate(expression) == expected)
    }

    @Test(
        "round trips through $fromMillis and $toMillis",
        arguments: [0, 1_234_567_890_123, 1_700_000_000_000, 951_782_400_000, -86_400_000])
    func roundTrip(millis: Int) throws {
        #expect(
            try evaluate("$toMillis($fromMillis($m))", bindings: ["m": .number(Double(millis))])
                == .number(Double(millis)))
        #expect(
            try evaluate(
                "$toMillis($fromMillis($m, '[Y0001]-[M01]-[D01] [H01]:[m01]:[s01].[f001]'), '[Y0001]-[M01]-[D01] [H01]:[m01]:[s01].[f001]')",
                bindings: ["m": .number(Double(millis))]) == .number(Double(millis)))
    }

    @Test("$toMillis rejects a timestamp that is not ISO 8601")
    func invalid() {
        expectError("$toMillis('yesterday')", code: "D3110")
    }
}
