import Foundation
import Testing
import WeftJSON

@testable import WeftConnectors

/// `FileTriggerState`: nothing before the first save, a saved state read back as saved (its directory created on
/// the way), a later save replacing it, and a damaged or unreadable file refused with a message naming its path.
@Suite struct FileTriggerStateTests {
    @Test func loadsNothingBeforeTheFirstSave() async throws {
        try await ScratchDirectory.with { directory in
            let store = FileTriggerState(path: directory.appendingPathComponent("flow.json"))
            let loaded = try await store.load()
            #expect(loaded == nil)
        }
    }

    @Test func loadsWhatWasSaved() async throws {
        try await ScratchDirectory.with { directory in
            let path = directory.appendingPathComponent(".weft/state/flow.json")
            let store = FileTriggerState(path: path)
            let state: JSON = ["seen": ["a", "b"], "cursor": "2026-01-01T00:00:00Z", "marked": ["x.csv": "failed"]]
            try await store.save(state)
            #expect(try await store.load() == state)
            #expect(try await FileTriggerState(path: path).load() == state, "a new store reads the same file")
            try await store.save(["last_fire": "2026-01-02T00:00:00.000Z"])
            #expect(try await store.load() == ["last_fire": "2026-01-02T00:00:00.000Z"])
            #expect(ScratchDirectory.names(in: path.deletingLastPathComponent()) == ["flow.json"])
        }
    }

    @Test func refusesAStateThatExistsButCannotBeRead() async throws {
        try await ScratchDirectory.with { directory in
            let path = directory.appendingPathComponent("flow.json")
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
            let store = FileTriggerState(path: path)
            let error = await #expect(throws: FileSourceError.self) { try await store.load() }
            #expect(error?.description.contains(path.path) == true)
        }
    }

    @Test func refusesADamagedFileNamingIt() async throws {
        try await ScratchDirectory.with { directory in
            let path = try ScratchDirectory.write(#"{"seen": ["a""#, to: "flow.json", in: directory)
            let store = FileTriggerState(path: path)
            let error = await #expect(throws: FileSourceError.self) { try await store.load() }
            #expect(error?.description.contains(path.path) == true)
            #expect(error?.description.contains("damaged") == true)
        }
    }
}
