import Testing

@testable import WeftRuntime

/// `TriggerNotice`: a notice prints as `level: message`.
@Suite struct TriggerNoticeTests {
    @Test func printsItsLevelAndMessage() {
        #expect(TriggerNotice(.warning, "a.json was refused").description == "warning: a.json was refused")
        #expect("\(TriggerNotice(.error, "polling failed"))" == "error: polling failed")
        #expect(TriggerNotice.Level.info.rawValue == "info")
    }
}
