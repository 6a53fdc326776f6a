/// How similar two field names are, term by term, and which terms matched how.
struct NameMatch: Sendable {
    /// One pair of matched terms.
    struct Pair: Sendable {
        var source: Term
        var target: Term
        var credit: Double
        var kind: Kind
    }

    /// How two terms matched.
    enum Kind: Sendable {
        case same, synonym, abbreviation, related, opposite, sharedStem
    }

    /// From 0 (nothing in common) to 1 (the same meaning): matched weight over all weight, both sides.
    var score: Double
    /// The matched pairs, best first.
    var pairs: [Pair]
    /// Concepts dropped because they name the records themselves (`order` in `orderDate` of an order).
    var recordWords: [String]
    /// Whether the fields' own names do not match each other, only their parents' names.
    var onlyParents = false
    /// Whether every matched concept is a generic one (`number`, `type`, `identifier`).
    var onlyGeneric: Bool

    /// Compares the names of `source` and `target`.
    init(source: FieldProfile, target: FieldProfile, vocabulary: Vocabulary = .standard) {
        var recordWords: [String] = []
        func adjusted(_ profile: FieldProfile, other: FieldProfile) -> [Term] {
            let otherConcepts = Set(other.terms.map(\.concept))
            return profile.terms.compactMap { term in
                guard profile.recordConcepts.contains(term.concept), !otherConcepts.contains(term.concept) else {
                    return term
                }
                if other.recordConcepts.contains(term.concept)
                    || other.recordConcepts.contains(where: {
                        (vocabulary.relation($0, term.concept)?.credit ?? 0) >= 0.9
                    })
                {
                    recordWords.append(term.text)
                    return nil
                }
                var lighter = term
                lighter.weight *= 0.3
                return lighter
            }
        }
        let sourceTerms = adjusted(source, other: target)
        let targetTerms = adjusted(target, other: source)
        var candidates: [Pair] = []
        for s in sourceTerms {
            for t in targetTerms {
                if let (credit, kind) = Self.credit(s, t, vocabulary: vocabulary) {
                    candidates.append(Pair(source: s, target: t, credit: credit, kind: kind))
                }
            }
        }
        // The fields' own names pair first; then what is left pairs with parents' names.
        candidates.sort {
            let (leftOwn, rightOwn) = (
                $0.source.level == 0 && $0.target.level == 0, $1.source.level == 0 && $1.target.level == 0
            )
            if leftOwn != rightOwn { return leftOwn }
            let left = $0.credit * ($0.source.weight + $0.target.weight)
            let right = $1.credit * ($1.source.weight + $1.target.weight)
            if left != right { return left > right }
            return ($0.source.level + $0.target.level) < ($1.source.level + $1.target.level)
        }
        var usedSource: Set<String> = []
        var usedTarget: Set<String> = []
        var pairs: [Pair] = []
        var matched = 0.0
        for pair in candidates
        where !usedSource.contains(pair.source.concept) && !usedTarget.contains(pair.target.concept) {
            usedSource.insert(pair.source.concept)
            usedTarget.insert(pair.target.concept)
            pairs.append(pair)
            matched += pair.credit * (pair.source.weight + pair.target.weight)
        }
        let total = sourceTerms.map(\.weight).reduce(0, +) + targetTerms.map(\.weight).reduce(0, +)
        score = total > 0 ? min(1, matched / total) : 0
        // When only the parents' names match, the fields themselves may be anything inside them.
        let ownMatched = pairs.contains { $0.source.level == 0 || $0.target.level == 0 }
        let sourceOwnWeight = sourceTerms.filter { $0.level == 0 }.map(\.weight).reduce(0, +)
        let targetOwnWeight = targetTerms.filter { $0.level == 0 }.map(\.weight).reduce(0, +)
        if !pairs.isEmpty, !pairs.contains(where: { $0.source.level == 0 && $0.target.level == 0 }),
            sourceOwnWeight >= 0.6, targetOwnWeight >= 0.6
        {
            score *= ownMatched ? 0.85 : 0.7
            onlyParents = true
        }
        self.pairs = pairs
        self.recordWords = recordWords
        // Evidence of meaning: a pair of the fields' own words, not both generic, not read from context.
        onlyGeneric = pairs.allSatisfy {
            $0.source.isContext || $0.target.isContext
                || (vocabulary.generic.contains($0.source.concept) && vocabulary.generic.contains($0.target.concept))
        }
    }

    /// How much two terms match, and how; `nil` when they do not.
    static func credit(_ source: Term, _ target: Term, vocabulary: Vocabulary) -> (Double, Kind)? {
        if source.concept == target.concept {
            if source.text == target.text { return (1, .same) }
            if source.expansion != nil || target.expansion != nil {
                if (source.expansion ?? source.text) == (target.expansion ?? target.text) { return (1, .abbreviation) }
            }
            if Stemmer.stem(source.text) == Stemmer.stem(target.text) { return (1, .same) }
            return (1, .synonym)
        }
        if let relation = vocabulary.relation(source.concept, target.concept) {
            return (relation.credit, relation.kind == .opposite ? .opposite : .related)
        }
        // Unknown words that share a long beginning (`fulfillable`, `fulfillment`).
        let a = Array(source.concept)
        let b = Array(target.concept)
        guard !a.contains(" "), !b.contains(" "), min(a.count, b.count) >= 5 else { return nil }
        var common = 0
        while common < min(a.count, b.count), a[common] == b[common] { common += 1 }
        if common >= 5, Double(common) >= 0.75 * Double(min(a.count, b.count)) { return (0.6, .sharedStem) }
        return nil
    }
}
