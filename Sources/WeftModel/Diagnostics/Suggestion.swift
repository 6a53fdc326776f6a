/// "Did you mean" suggestions for misspelt names.
public enum Suggestion {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a plausible typo.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = word.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, word.count / 3))
        return best.distance <= allowed ? best.name : nil
    }

    /// A hint naming the closest candidate, or listing the candidates when none is close.
    public static func hint(for word: String, among candidates: [String], noun: String = "key") -> String? {
        let lowered = word.lowercased()
        let prefixed = candidates.filter { candidate in
            let other = candidate.lowercased()
            return min(other.count, lowered.count) >= 4 && (other.hasPrefix(lowered) || lowered.hasPrefix(other))
        }
        if prefixed.count == 1 { return "did you mean `\(prefixed[0])`?" }
        if prefixed.count > 1 {
            return "did you mean one of " + prefixed.map { "`\($0)`" }.joined(separator: ", ") + "?"
        }
        if let closest = closest(to: word, among: candidates) { return "did you mean `\(closest)`?" }
        guard !candidates.isEmpty, candidates.count <= 12 else { return nil }
        return "expected one of: " + candidates.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// Levenshtein distance, with adjacent transpositions counting as one edit.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previousPrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[y.count]
    }
}
