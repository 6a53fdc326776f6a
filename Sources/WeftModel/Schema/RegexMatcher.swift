/// Backtracking search of a `RegexNode` in one string, within a step and depth budget.
final class RegexMatcher {
    /// The budget ran out: whether the pattern matches is left undecided.
    struct GiveUp: Error {}

    typealias Continuation = (Int) throws(GiveUp) -> Bool

    let scalars: [UInt32]
    private var steps = 0
    private var depth = 0

    /// The deepest backtracking recursion allowed, to keep the stack small.
    private static let maximumDepth = 1_500

    init(_ text: String) {
        scalars = text.unicodeScalars.map(\.value)
    }

    private func step() throws(GiveUp) {
        steps += 1
        if steps > SchemaPattern.stepBudget { throw GiveUp() }
    }

    /// Whether `node` matches at `index` with the rest of the pattern (`next`) matching after it.
    func match(_ node: RegexNode, _ index: Int, _ next: Continuation) throws(GiveUp) -> Bool {
        try step()
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth { throw GiveUp() }
        switch node {
        case .empty:
            return try next(index)
        case .scalar(let set):
            guard index < scalars.count, set.contains(scalars[index]) else { return false }
            return try next(index + 1)
        case .sequence(let nodes):
            return try sequence(nodes[...], index, next)
        case .alternation(let branches):
            for branch in branches where try match(branch, index, next) { return true }
            return false
        case .repetition(.scalar(let set), let min, let max, let greedy):
            return try repeatScalar(set, min: min, max: max ?? Int.max, greedy: greedy, index, next)
        case .repetition(let inner, let min, let max, let greedy):
            return try repetition(inner, min: min, max: max ?? Int.max, greedy: greedy, count: 0, index, next)
        case .start:
            return index == 0 ? try next(index) : false
        case .end:
            return index == scalars.count ? try next(index) : false
        case .wordBoundary(let negated):
            let before = index > 0 && RegexSet.word.contains(scalars[index - 1])
            let after = index < scalars.count && RegexSet.word.contains(scalars[index])
            return (before != after) != negated ? try next(index) : false
        case .lookahead(let inner, let negated):
            let found = try match(inner, index) { _ throws(GiveUp) in true }
            return found != negated ? try next(index) : false
        }
    }

    private func sequence(_ nodes: ArraySlice<RegexNode>, _ index: Int, _ next: Continuation) throws(GiveUp) -> Bool {
        guard let first = nodes.first else { return try next(index) }
        return try match(first, index) { (after: Int) throws(GiveUp) -> Bool in
            try self.sequence(nodes.dropFirst(), after, next)
        }
    }

    /// A repeated single code point, counted in a loop rather than by recursion.
    private func repeatScalar(
        _ set: RegexSet, min: Int, max: Int, greedy: Bool, _ index: Int, _ next: Continuation
    ) throws(GiveUp) -> Bool {
        var count = 0
        while count < max, index + count < scalars.count, set.contains(scalars[index + count]) { count += 1 }
        steps += count
        guard count >= min else { return false }
        if greedy {
            for taken in stride(from: count, through: min, by: -1) {
                try step()
                if try next(index + taken) { return true }
            }
        } else {
            for taken in min...count {
                try step()
                if try next(index + taken) { return true }
            }
        }
        return false
    }

    private func repetition(
        _ node: RegexNode, min: Int, max: Int, greedy: Bool, count: Int, _ index: Int, _ next: Continuation
    ) throws(GiveUp) -> Bool {
        try step()
        func again(_ after: Int) throws(GiveUp) -> Bool {
            // An iteration that consumed nothing past the minimum would loop forever.
            guard after != index || count < min else { return false }
            return try repetition(node, min: min, max: max, greedy: greedy, count: count + 1, after, next)
        }
        if count < min { return try match(node, index, again) }
        if greedy {
            if count < max, try match(node, index, again) { return true }
            return try next(index)
        }
        if try next(index) { return true }
        return count < max ? try match(node, index, again) : false
    }
}
