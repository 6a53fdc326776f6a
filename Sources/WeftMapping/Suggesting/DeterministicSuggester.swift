/// The built-in suggester: deterministic and offline.
///
/// Every target field that holds a value is scored against every source field (see the signals in
/// `docs/mapping-suggestions.md`); lists are matched to lists first, so that element fields are matched under
/// the lists that correspond; then targets are given sources best-first, each source once (unless it fits a
/// second target with a confidence of 0.9 or more), and a match whose runner-up is nearly as good is lowered to
/// review.
public struct DeterministicSuggester: MappingSuggester {
    /// A suggester with the standard vocabulary.
    public init() {}

    public func suggest(from source: SchemaFields, to target: SchemaFields) async throws -> [MappingSuggestion] {
        suggestions(from: source, to: target)
    }

    /// The suggestions, synchronously: at most one per target field, sorted by target path.
    public func suggestions(from source: SchemaFields, to target: SchemaFields) -> [MappingSuggestion] {
        let sources = source.fields.map { FieldProfile(field: $0, recordName: source.recordName) }
        let targets = target.fields.map { FieldProfile(field: $0, recordName: target.recordName) }
        let scorer = FieldScorer(descriptions: DescriptionIndex(sources + targets))
        var scores: [Candidate] = []
        for (ti, t) in targets.enumerated() {
            for (si, s) in sources.enumerated() {
                guard let score = scorer.score(s, t) else { continue }
                scores.append(Candidate(source: si, target: ti, confidence: score.confidence, reasons: score.reasons))
            }
        }
        scores = Self.alignLists(scores, sources: sources, targets: targets)
        return Self.assign(scores, sources: sources, targets: targets)
    }

    /// A scored pair of a source field and a target field, by index.
    struct Candidate: Sendable {
        var source: Int
        var target: Int
        var confidence: Double
        var reasons: [String]
    }

    /// Lowers element matches across lists that do not correspond: for each target list, the source list whose
    /// elements fill it best is chosen, and matches from other lists count less.
    static func alignLists(_ scores: [Candidate], sources: [FieldProfile], targets: [FieldProfile]) -> [Candidate] {
        // For each target list and source list: the best score of each target field, summed.
        struct Key: Hashable {
            var sourceList: String
            var target: Int
        }
        var best: [Key: Double] = [:]
        for candidate in scores {
            guard targets[candidate.target].field.enclosingArrayPath != nil,
                let sourceList = sources[candidate.source].field.enclosingArrayPath
            else { continue }
            let key = Key(sourceList: sourceList, target: candidate.target)
            best[key] = max(best[key] ?? 0, candidate.confidence)
        }
        var support: [String: [String: Double]] = [:]
        for (key, value) in best {
            guard let targetList = targets[key.target].field.enclosingArrayPath else { continue }
            support[targetList, default: [:]][key.sourceList, default: 0] += value
        }
        var chosen: [String: String] = [:]
        for (targetList, bySource) in support {
            if let pick = bySource.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                chosen[targetList] = pick.key
            }
        }
        return scores.map { candidate in
            var candidate = candidate
            if let targetList = targets[candidate.target].field.enclosingArrayPath,
                let sourceList = sources[candidate.source].field.enclosingArrayPath,
                let pick = chosen[targetList], pick != sourceList
            {
                candidate.confidence *= 0.7
                candidate.reasons.append("\(targetList) matches \(pick) better than \(sourceList)")
            }
            return candidate
        }
    }

    /// Gives targets their sources best-first and turns the picks into suggestions.
    static func assign(_ scores: [Candidate], sources: [FieldProfile], targets: [FieldProfile]) -> [MappingSuggestion] {
        let ranked = scores.filter { $0.confidence >= SuggestionStatus.reviewThreshold }.sorted {
            if $0.confidence != $1.confidence { return $0.confidence > $1.confidence }
            let (a, b) = (depthGap($0, sources, targets), depthGap($1, sources, targets))
            if a != b { return a < b }
            if $0.target != $1.target { return targets[$0.target].field.path < targets[$1.target].field.path }
            return sources[$0.source].field.path < sources[$1.source].field.path
        }
        var picked: [Int: Candidate] = [:]
        var usedSources: [Int: Double] = [:]
        for candidate in ranked where picked[candidate.target] == nil {
            if usedSources[candidate.source] != nil, candidate.confidence < 0.9 { continue }
            picked[candidate.target] = candidate
            usedSources[candidate.source] = max(usedSources[candidate.source] ?? 0, candidate.confidence)
        }
        // A runner-up nearly as good makes a pick a question for review.
        var byTarget: [Int: [Candidate]] = [:]
        for candidate in ranked { byTarget[candidate.target, default: []].append(candidate) }
        var suggestions: [MappingSuggestion] = []
        for (target, pick) in picked {
            var pick = pick
            let rival = byTarget[target]?.first { other in
                guard other.source != pick.source else { return false }
                // A source that went to a target it fits better is no rival.
                if let elsewhere = picked.values.first(where: { $0.source == other.source && $0.target != target }),
                    elsewhere.confidence > other.confidence
                {
                    return false
                }
                return true
            }
            if let rival, pick.confidence >= SuggestionStatus.automaticThreshold,
                pick.confidence - rival.confidence < 0.06
            {
                pick.confidence = min(pick.confidence, SuggestionStatus.automaticThreshold - 0.01)
                pick.reasons.append(
                    "\(sources[rival.source].field.path) fits almost as well (\(rounded(min(0.99, rival.confidence))))")
            }
            suggestions.append(
                MappingSuggestion(
                    source: sources[pick.source].field.path, target: targets[target].field.path,
                    confidence: rounded(min(0.99, pick.confidence)), reasons: pick.reasons))
        }
        return suggestions.sorted { $0.target < $1.target }
    }

    private static func depthGap(_ candidate: Candidate, _ sources: [FieldProfile], _ targets: [FieldProfile]) -> Int {
        abs(sources[candidate.source].field.names.count - targets[candidate.target].field.names.count)
    }

    /// A confidence rounded to two decimals.
    static func rounded(_ value: Double) -> Double {
        (value * 100).rounded() / 100
    }
}
