import Foundation
import Testing
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@testable import WeftConnectors

/// `FileSource` over temporary directories: matching files (not hidden ones, not directories) delivered once each
/// in name order, read in the trigger's format, with their name, path and size in `$trigger`; then moved
/// (`processed/`, `move_to`, a free name on a clash), deleted or marked; unreadable files set aside in `failed/`;
/// refused files left in place and offered again; files still changing left until they settle.
@Suite struct FileSourceTests {
    /// When the test files were last written: an hour before the clocks start, so they count as settled.
    private static let written = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    private static let start = written.addingTimeInterval(3_600)

    private func source(
        _ yaml: String, in directory: URL, state: MemoryTriggerState = MemoryTriggerState(), clock: any WeftClock
    ) throws -> FileSource {
        FileSource(
            trigger: try TriggerFixture.file(yaml.replacingOccurrences(of: "DIR", with: directory.path)),
            base: directory, clock: clock, state: state)
    }

    private func write(_ text: String, _ name: String, in directory: URL) throws {
        try ScratchDirectory.write(text, to: name, in: directory, modified: Self.written)
    }

    @Test func deliversMatchingFilesOnceInNameOrder() async throws {
        try await ScratchDirectory.with { directory in
            try write(#"{"n": 2}"#, "b.json", in: directory)
            try write(#"{"n": 1}"#, "a.json", in: directory)
            try write(#"{"n": 3}"#, "c.json", in: directory)
            try write("not json", "notes.txt", in: directory)
            try write(#"{"hidden": true}"#, ".hidden.json", in: directory)
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("folder.json"), withIntermediateDirectories: true)
            let clock = StoppingClock(start: Self.start, stopAfter: 3)
            let recorder = DeliveryRecorder()
            let yaml = "file: { directory: DIR, pattern: \"*.json\", every: 5s }"
            try await recorder.watch(try source(yaml, in: directory, clock: clock))
            #expect(recorder.messages == [["n": 1], ["n": 2], ["n": 3]])
            #expect(recorder.offers.count == 3, "each file once over three looks")
            #expect(recorder.notices.isEmpty)
            #expect(ScratchDirectory.names(in: directory) == [".hidden.json", "folder.json", "notes.txt", "processed"])
            #expect(
                ScratchDirectory.names(in: directory.appendingPathComponent("processed")) == [
                    "a.json", "b.json", "c.json",
                ])
        }
    }

    @Test func describesTheFileInTheEvent() async throws {
        try await ScratchDirectory.with { directory in
            try write(#"{"id": 7}"#, "order.json", in: directory)
            let clock = StoppingClock(start: Self.start, stopAfter: 1)
            let recorder = DeliveryRecorder()
            let source = try source("file: { directory: DIR }", in: directory, clock: clock)
            try await recorder.watch(source)
            let delivery = try #require(recorder.accepted.first)
            let path = source.directory.appendingPathComponent("order.json").path
            #expect(path == directory.appendingPathComponent("order.json").path)
            #expect(delivery.message == ["id": 7])
            #expect(delivery.event["type"] == "file")
            #expect(delivery.event["name"] == "order.json")
            #expect(delivery.event["path"] == .string(path))
            #expect(delivery.event["size"] == 9)
            #expect(delivery.event["modified"] == "2026-01-01T00:00:00.000Z")
            #expect(delivery.event["body"] == ["id": 7])
            #expect(delivery.key == "file:\(path):1767225600.0")
        }
    }

    @Test(
        arguments: [
            ("text", "line one\nline two\n", JSON.string("line one\nline two\n")),
            ("csv", "name,qty\nbolt,3\nnut,12\n", [["name": "bolt", "qty": "3"], ["name": "nut", "qty": "12"]]),
            ("xml", #"<order id="7"><item>bolt</item></order>"#, ["order": ["@id": "7", "item": "bolt"]]),
            ("json", #"[1, "two", null]"#, [1, "two", .null]),
        ] as [(String, String, JSON)])
    func readsEachFormat(format: String, contents: String, expected: JSON) async throws {
        try await ScratchDirectory.with { directory in
            try write(contents, "input.data", in: directory)
            let clock = StoppingClock(start: Self.start, stopAfter: 1)
            let recorder = DeliveryRecorder()
            try await recorder.watch(
                try source("file: { directory: DIR, format: \(format) }", in: directory, clock: clock))
            #expect(recorder.messages == [expected])
            #expect(recorder.notices.isEmpty)
        }
    }

    @Test func resolvesARelativeDirectoryAgainstTheBase() throws {
        let base = URL(fileURLWithPath: "/srv/flows", isDirectory: true)
        let trigger = try TriggerFixture.file("file: { directory: inbox/orders }")
        let source = FileSource(trigger: trigger, base: base, clock: ManualClock(), state: MemoryTriggerState())
        #expect(source.directory.path == "/srv/flows/inbox/orders")
        #expect(source.processedDirectory.path == "/srv/flows/inbox/orders/processed")
        #expect(source.failedDirectory.path == "/srv/flows/inbox/orders/failed")
    }

    @Test func resolvesTheDirectoriesWhateverTheBaseLooksLike() throws {
        // A base written without a trailing slash, as a working directory usually is, and a directory that
        // does not exist yet (so nothing on disk says it is one).
        let base = URL(fileURLWithPath: "/nonexistent-weft-base/flows")
        let trigger = try TriggerFixture.file("file: { directory: inbox, move_to: done }")
        let source = FileSource(trigger: trigger, base: base, clock: ManualClock(), state: MemoryTriggerState())
        #expect(source.directory.path == "/nonexistent-weft-base/flows/inbox")
        #expect(source.processedDirectory.path == "/nonexistent-weft-base/flows/inbox/done")
        let absolute = try TriggerFixture.file("file: { directory: /data/in, move_to: /data/archive }")
        let other = FileSource(trigger: absolute, base: base, clock: ManualClock(), state: MemoryTriggerState())
        #expect(other.directory.path == "/data/in")
        #expect(other.processedDirectory.path == "/data/archive")
    }

    @Test func movesToACustomDirectoryAndFindsAFreeName() async throws {
        try await ScratchDirectory.with { directory in
            try write("one", "report.txt", in: directory)
            try write("two", "README", in: directory)
            let done = directory.appendingPathComponent("done")
            try ScratchDirectory.write("older", to: "report.txt", in: done)
            try ScratchDirectory.write("older still", to: "report-1.txt", in: done)
            try ScratchDirectory.write("old readme", to: "README", in: done)
            let clock = StoppingClock(start: Self.start, stopAfter: 1)
            let recorder = DeliveryRecorder()
            let yaml = "file: { directory: DIR, format: text, move_to: done }"
            try await recorder.watch(try source(yaml, in: directory, clock: clock))
            #expect(recorder.messages == ["two", "one"])
            #expect(
                ScratchDirectory.names(in: done) == [
                    "README", "README-1", "report-1.txt", "report-2.txt", "report.txt",
                ])
            #expect(ScratchDirectory.text(of: done.appendingPathComponent("report-2.txt")) == "one")
            #expect(ScratchDirectory.text(of: done.appendingPathComponent("README-1")) == "two")
            #expect(ScratchDirectory.names(in: directory) == ["done"])
        }
    }

    @Test func deletesDeliveredFiles() async throws {
        try await ScratchDirectory.with { directory in
            try write("{}", "a.json", in: directory)
            let clock = StoppingClock(start: Self.start, stopAfter: 2)
            let recorder = DeliveryRecorder()
            try await recorder.watch(try source("file: { directory: DIR, after: delete }", in: directory, clock: clock))
            #expect(recorder.messages == [[:]])
            #expect(ScratchDirectory.names(in: directory).isEmpty)
        }
    }

    @Test func marksDeliveredFilesAndRemembersThemAcrossRestarts() async throws {
        try await ScratchDirectory.with { directory in
            try write(#"{"n": 1}"#, "a.json", in: directory)
            let state = MemoryTriggerState()
            let yaml = "file: { directory: DIR, after: mark }"
            let first = DeliveryRecorder()
            try await first.watch(
                try source(yaml, in: directory, state: state, clock: StoppingClock(start: Self.start, stopAfter: 2)))
            #expect(first.messages == [["n": 1]])
            #expect(state.current == ["marked": ["a.json": "processed"]])
            #expect(ScratchDirectory.names(in: directory) == ["a.json"])

            try write(#"{"n": 2}"#, "b.json", in: directory)
            let second = DeliveryRecorder()
            try await second.watch(
                try source(yaml, in: directory, state: state, clock: StoppingClock(start: Self.start, stopAfter: 2)))
            #expect(second.messages == [["n": 2]])
            #expect(state.current == ["marked": ["a.json": "processed", "b.json": "processed"]])
        }
    }

    @Test func setsAsideAFileThatCannotBeRead() async throws {
        try await ScratchDirectory.with { directory in
            try write("{ not json", "bad.json", in: directory)
            try write(#"{"ok": true}"#, "good.json", in: directory)
            let clock = StoppingClock(start: Self.start, stopAfter: 2)
            let recorder = DeliveryRecorder()
            try await recorder.watch(try source("file: { directory: DIR }", in: directory, clock: clock))
            #expect(recorder.messages == [["ok": true]])
            #expect(recorder.notices.map(\.level) == [.error])
            #expect(recorder.notices.first?.message.contains("bad.json cannot be read as json") == true)
            #expect(ScratchDirectory.names(in: directory.appendingPathComponent("failed")) == ["bad.json"])
            #expect(ScratchDirectory.names(in: directory.appendingPathComponent("processed")) == ["good.json"])
        }
    }

    @Test func setsAsideUnreadableFilesEvenWhenDeleting() async throws {
        try await ScratchDirectory.with { directory in
            try ScratchDirectory.write([0x66, 0xFF, 0xFE], to: "bad.txt", in: directory, modified: Self.written)
            let clock = StoppingClock(start: Self.start, stopAfter: 1)
            let recorder = DeliveryRecorder()
            try await recorder.watch(
                try source("file: { directory: DIR, format: text, after: delete }", in: directory, clock: clock))
            #expect(recorder.offers.isEmpty)
            #expect(recorder.notices.first?.message.contains("not UTF-8") == true)
            #expect(ScratchDirectory.names(in: directory.appendingPathComponent("failed")) == ["bad.txt"])
        }
    }

    @Test func marksAFileThatCannotBeReadAsFailed() async throws {
        try await ScratchDirectory.with { directory in
            try write("<unclosed>", "bad.xml", in: directory)
            let state = MemoryTriggerState()
            let clock = StoppingClock(start: Self.start, stopAfter: 2)
            let recorder = DeliveryRecorder()
            try await recorder.watch(
                try source(
                    "file: { directory: DIR, format: xml, after: mark }", in: directory, state: state, clock: clock))
            #expect(recorder.offers.isEmpty)
            #expect(recorder.notices.count == 1, "reported once, not at every look")
            #expect(state.current == ["marked": ["bad.xml": "failed"]])
            #expect(ScratchDirectory.names(in: directory) == ["bad.xml"])
        }
    }

    @Test func leavesARefusedFileInPlace() async throws {
        try await ScratchDirectory.with { directory in
            try write("{}", "a.json", in: directory)
            let clock = StoppingClock(start: Self.start, stopAfter: 1)
            let recorder = DeliveryRecorder(refusing: [0])
            try await recorder.watch(try source("file: { directory: DIR }", in: directory, clock: clock))
            #expect(recorder.offers.map(\.outcome) == [.refused])
            #expect(recorder.notices.map(\.level) == [.warning])
            #expect(ScratchDirectory.names(in: directory) == ["a.json"])
        }
    }

    @Test func offersARefusedFileAgainAtTheNextLook() async throws {
        try await ScratchDirectory.with { directory in
            try write("{}", "a.json", in: directory)
            let clock = StoppingClock(start: Self.start, stopAfter: 2)
            let recorder = DeliveryRecorder(refusing: [0])
            try await recorder.watch(try source("file: { directory: DIR }", in: directory, clock: clock))
            #expect(recorder.offers.map(\.outcome) == [.refused, .accepted])
            #expect(ScratchDirectory.names(in: directory) == ["processed"])
        }
    }

    @Test func waitsForANewFileToSettle() async throws {
        try await ScratchDirectory.with { directory in
            // Written just as the watch starts: not taken at the first look, taken unchanged at the second.
            try ScratchDirectory.write("{}", to: "a.json", in: directory, modified: Self.start)
            let clock = StoppingClock(start: Self.start, stopAfter: 3)
            let recorder = DeliveryRecorder(clock: clock)
            try await recorder.watch(try source("file: { directory: DIR, every: 10s }", in: directory, clock: clock))
            #expect(recorder.offers.map(\.time) == [Self.start.addingTimeInterval(10)])
        }
    }

    @Test func waitsWhileAFileKeepsChanging() async throws {
        try await ScratchDirectory.with { directory in
            try ScratchDirectory.write(#"{"part": 1}"#, to: "a.json", in: directory, modified: Self.start)
            let clock = StoppingClock(start: Self.start, stopAfter: 4) { sleep in
                // Still being written at the second look.
                if sleep == 1 {
                    _ = try? ScratchDirectory.write(
                        #"{"part": 1, "more": 2}"#, to: "a.json", in: directory,
                        modified: Self.start.addingTimeInterval(10))
                }
            }
            let recorder = DeliveryRecorder(clock: clock)
            try await recorder.watch(try source("file: { directory: DIR, every: 10s }", in: directory, clock: clock))
            #expect(recorder.offers.map(\.time) == [Self.start.addingTimeInterval(20)])
            #expect(recorder.messages == [["part": 1, "more": 2]])
        }
    }

    @Test func refusesToWatchAMissingDirectory() async throws {
        try await ScratchDirectory.with { directory in
            let missing = directory.appendingPathComponent("absent")
            let recorder = DeliveryRecorder()
            let source = try source(
                "file: { directory: absent }", in: directory, clock: StoppingClock(start: Self.start, stopAfter: 1))
            let error = await #expect(throws: FileSourceError.self) { try await recorder.watch(source) }
            #expect(error?.description.contains(missing.path) == true)
            #expect(error?.description.contains("does not exist") == true)
        }
    }

    @Test func refusesToWatchAFile() async throws {
        try await ScratchDirectory.with { directory in
            try write("x", "plain", in: directory)
            let recorder = DeliveryRecorder()
            let source = try source(
                "file: { directory: plain }", in: directory, clock: StoppingClock(start: Self.start, stopAfter: 1))
            await #expect(throws: FileSourceError.self) { try await recorder.watch(source) }
        }
    }
}
