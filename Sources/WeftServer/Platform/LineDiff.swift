/// The differences between two texts, line by line (Myers' O((N+M)·D) algorithm), as unified-diff hunks: what
/// `GET .../flows/{flow}/diff` shows between two versions.
public enum LineDiff {
    /// One line of a diff.
    public enum Line: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The edit script turning `old` into `new`, every line included.
    public static func lines(from old: String, to new: String) -> [Line] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let n = a.count
        let m = b.count
        let maximum = n + m
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var history: [[Int]] = []
        // Forward pass: the furthest x reached on each diagonal k for each number of edits d.
        search: for d in 0...maximum {
            history.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var x: Int
                if k == -d || (k != d && frontier[maximum + k - 1] < frontier[maximum + k + 1]) {
                    x = frontier[maximum + k + 1]
                } else {
                    x = frontier[maximum + k - 1] + 1
                }
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[maximum + k] = x
                if x >= n, y >= m { break search }
            }
        }
        // Backward pass: walk the recorded frontiers from the end to the start.
        var script: [Line] = []
        var x = n
        var y = m
        for d in stride(from: history.count - 1, through: 0, by: -1) {
            let previous = history[d]
            let k = x - y
            let previousK: Int
            if k == -d || (k != d && previous[maximum + k - 1] < previous[maximum + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousX = previous[maximum + previousK]
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                script.append(.same(a[x - 1]))
                x -= 1
                y -= 1
            }
            if d > 0 {
                if x == previousX {
                    script.append(.added(b[y - 1]))
                } else {
                    script.append(.removed(a[x - 1]))
                }
            }
            x = previousX
            y = previousY
        }
        return script.reversed()
    }

    /// A unified diff (`@@ -a,b +c,d @@` hunks with `context` lines around each change); empty when the texts
    /// are equal.
    public static func unified(from old: String, to new: String, context: Int = 3) -> String {
        let script = lines(from: old, to: new)
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return "" }
        // Group changes whose context overlaps into hunks.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(script.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        var output: [String] = []
        for hunk in hunks {
            var oldLine = 1
            var newLine = 1
            for entry in script[..<hunk.lowerBound] {
                switch entry {
                case .same:
                    oldLine += 1
                    newLine += 1
                case .removed: oldLine += 1
                case .added: newLine += 1
                }
            }
            var oldCount = 0
            var newCount = 0
            var body: [String] = []
            for entry in script[hunk] {
                switch entry {
                case .same(let text):
                    body.append(" " + text)
                    oldCount += 1
                    newCount += 1
                case .removed(let text):
                    body.append("-" + text)
                    oldCount += 1
                case .added(let text):
                    body.append("+" + text)
                    newCount += 1
                }
            }
            output.append("@@ -\(oldLine),\(oldCount) +\(newLine),\(newCount) @@")
            output += body
        }
        return output.joined(separator: "\n") + "\n"
    }
}
