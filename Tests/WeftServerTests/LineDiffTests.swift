import Testing
import WeftServer

/// The line diff that shows what changed between two versions of a flow.
@Suite("Line diff")
struct LineDiffTests {
    @Test("equal texts have no diff")
    func equal() {
        #expect(LineDiff.unified(from: "a\nb\n", to: "a\nb\n") == "")
    }

    @Test("the edit script keeps every line and turns the old text into the new one")
    func editScript() {
        let old = "weft: 1\nflow: f\nsteps:\n  - id: a\n    map: x\n"
        let new = "weft: 1\nflow: f\ndescription: d\nsteps:\n  - id: a\n    map: y\n"
        let script = LineDiff.lines(from: old, to: new)
        var rebuiltOld: [String] = []
        var rebuiltNew: [String] = []
        for line in script {
            switch line {
            case .same(let text):
                rebuiltOld.append(text)
                rebuiltNew.append(text)
            case .removed(let text): rebuiltOld.append(text)
            case .added(let text): rebuiltNew.append(text)
            }
        }
        #expect(rebuiltOld.joined(separator: "\n") == old)
        #expect(rebuiltNew.joined(separator: "\n") == new)
        #expect(script.filter { if case .same = $0 { return false } else { return true } }.count == 3)
    }

    @Test("a unified diff has hunk headers with the right line numbers and context")
    func unified() {
        let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...20).map { "line \($0)" }
        lines[9] = "line ten"
        lines.insert("new line", at: 15)
        let diff = LineDiff.unified(from: old, to: lines.joined(separator: "\n"), context: 1)
        #expect(
            diff == """
                @@ -9,3 +9,3 @@
                 line 9
                -line 10
                +line ten
                 line 11
                @@ -15,2 +15,3 @@
                 line 15
                +new line
                 line 16

                """)
    }

    @Test("from or to nothing")
    func emptySides() {
        #expect(LineDiff.unified(from: "", to: "a") == "@@ -1,1 +1,1 @@\n-\n+a\n")
        #expect(LineDiff.lines(from: "a\nb", to: "") == [.removed("a"), .removed("b"), .added("")])
    }
}
