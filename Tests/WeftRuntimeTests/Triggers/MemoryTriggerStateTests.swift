import Testing
import WeftJSON

@testable import WeftRuntime

/// `MemoryTriggerState`: nothing (or the initial value) until saved, then what was saved last.
@Suite struct MemoryTriggerStateTests {
    @Test func loadsNothingBeforeTheFirstSave() async throws {
        let state = MemoryTriggerState()
        let loaded = try await state.load()
        #expect(loaded == nil)
        #expect(state.current == nil)
    }

    @Test func startsWithTheInitialValue() async throws {
        let state = MemoryTriggerState(["cursor": 3])
        let loaded = try await state.load()
        #expect(loaded == ["cursor": 3])
    }

    @Test func keepsWhatWasSavedLast() async throws {
        let state = MemoryTriggerState(["cursor": 3])
        try await state.save(["cursor": 4])
        try await state.save(["cursor": 5, "seen": ["a"]])
        let loaded = try await state.load()
        #expect(loaded == ["cursor": 5, "seen": ["a"]])
        #expect(state.current == loaded)
    }
}
