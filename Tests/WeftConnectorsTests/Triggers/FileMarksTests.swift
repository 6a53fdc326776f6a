import Testing
import WeftJSON

@testable import WeftConnectors

/// `FileMarks`: the files a `mark` trigger dealt with, read from and written to its saved state; anything in the
/// state that is not a known mark is ignored.
@Suite struct FileMarksTests {
    @Test func marksFilesAsProcessedOrFailed() {
        var marks = FileMarks(json: nil)
        #expect(marks.status(of: "a.csv") == nil)
        marks.mark("a.csv", failed: false)
        marks.mark("b.csv", failed: true)
        #expect(marks.status(of: "a.csv") == .processed)
        #expect(marks.status(of: "b.csv") == .failed)
        #expect(marks.json == ["marked": ["a.csv": "processed", "b.csv": "failed"]])
        marks.mark("b.csv", failed: false)
        #expect(marks.status(of: "b.csv") == .processed)
    }

    @Test func readsWhatItWrites() {
        var marks = FileMarks(json: nil)
        marks.mark("x.json", failed: true)
        let restored = FileMarks(json: marks.json)
        #expect(restored.status(of: "x.json") == .failed)
        #expect(restored.json == marks.json)
    }

    @Test func ignoresWhatIsNotAMark() {
        let marks = FileMarks(json: ["marked": ["a": "processed", "b": "lost", "c": 1], "cursor": 3])
        #expect(marks.status(of: "a") == .processed)
        #expect(marks.status(of: "b") == nil)
        #expect(marks.status(of: "c") == nil)
        #expect(FileMarks(json: "damaged").json == ["marked": [:]])
    }
}
