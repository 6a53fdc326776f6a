import Testing

@testable import WeftModel

@Suite("Durations")
struct DurationTextTests {
    @Test(
        "durations written as text",
        arguments: [
            ("500ms", Duration.milliseconds(500)), ("30s", .seconds(30)), ("5m", .seconds(300)), ("2h", .seconds(7200)),
            ("1d", .seconds(86400)), ("1m30s", .seconds(90)), ("1.5s", .milliseconds(1500)), ("1h30m", .seconds(5400)),
            ("0s", .zero), (".5s", .milliseconds(500)), ("2m500ms", .milliseconds(120_500)),
            ("1d2h3m4s5ms", .milliseconds(93_784_005)),
        ])
    func parses(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(
        "text that is not a duration",
        arguments: [
            "", "5", "s", "ms", "5x", "30 seconds", "5mins", "1m30", "-5s", "1..5s", "5S", "1 m", "1,5s", "PT5M",
        ])
    func rejects(text: String) {
        #expect(DurationText.parse(text) == nil, "`\(text)` was accepted")
    }

    @Test(
        "compact rendering",
        arguments: [
            (Duration.seconds(90), "1m30s"), (.milliseconds(250), "250ms"), (.zero, "0s"), (.seconds(3600), "1h"),
            (.seconds(90_000), "1d1h"), (.milliseconds(1500), "1500ms"), (.seconds(86_461), "1d1m1s"),
        ])
    func formats(duration: Duration, expected: String) {
        #expect(DurationText.format(duration) == expected)
    }

    @Test(
        "rendering reads back as the same duration",
        arguments: [Duration.milliseconds(1), .seconds(59), .seconds(61), .seconds(3661), .milliseconds(86_400_001)])
    func roundTrip(duration: Duration) {
        #expect(DurationText.parse(DurationText.format(duration)) == duration)
    }

    @Test("the duration spec takes text or a number of seconds")
    func spec() {
        #expect(Snippet.read(Spec.duration, "45s").value == .seconds(45))
        #expect(Snippet.read(Spec.duration, "1.25").value == .milliseconds(1250))
        #expect(Snippet.read(Spec.duration, "0").value == .zero)
    }

    @Test(
        "the duration spec reports what is wrong, where",
        arguments: [
            ("30 sec", "invalid-duration"), ("-1", "wrong-type"), ("true", "wrong-type"), ("[1s]", "wrong-type"),
        ])
    func specErrors(yaml: String, code: String) throws {
        let (value, diagnostics) = Snippet.read(Spec.duration, yaml)
        #expect(value == nil)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.code == code)
        #expect((diagnostic.location.line, diagnostic.location.column) == (1, 1))
    }

    @Test("a huge number of seconds is an error, not a crash")
    func hugeDuration() async {
        await #expect(processExitsWith: .success) {
            var reader = SpecReader()
            let value = Located(.number(1e20), at: WeftModel.SourceLocation(file: "t.yaml", line: 1, column: 1))
            _ = Spec.duration.read(value, &reader)
            _ = DurationText.parse("99999999999999999d")
        }
        var reader = SpecReader()
        let value = Located(.number(1e20), at: WeftModel.SourceLocation(file: "t.yaml", line: 1, column: 1))
        #expect(Spec.duration.read(value, &reader) == nil)
        #expect(reader.diagnostics.map(\.code) == ["out-of-range"])
        #expect(DurationText.parse("99999999999999999d") == nil)
    }
}
