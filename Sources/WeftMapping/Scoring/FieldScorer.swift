/// Scores one source field against one target field: names, structure, types and value kinds, descriptions,
/// enums and examples. Each signal that counts leaves a reason.
struct FieldScorer: Sendable {
    /// A scored pair.
    struct Score: Sendable {
        var confidence: Double
        var reasons: [String]
    }

    var descriptions: DescriptionIndex
    var vocabulary = Vocabulary.standard

    /// The score of filling `target` from `source`; `nil` when the two cannot match at all.
    func score(_ source: FieldProfile, _ target: FieldProfile) -> Score? {
        let (s, t) = (source.field, target.field)
        guard let typeFit = typeFit(source: s, target: t) else { return nil }
        // A field that can hold one value only (`object: "list"`) carries no data.
        if s.enumValues.count == 1 { return nil }
        let name = NameMatch(source: source, target: target, vocabulary: vocabulary)
        let description = descriptions.similarity(source.descriptionStems, target.descriptionStems)
        var evidence = name.score
        var reasons: [String] = []
        if let reason = Self.nameReason(name, source: s, target: t) { reasons.append(reason) }
        if description.score >= 0.5, 0.6 * description.score > evidence {
            evidence = 0.6 * description.score
        }
        guard evidence >= 0.25 else { return nil }

        var confidence = evidence * typeFit.factor
        if let reason = typeFit.reason { reasons.append(reason) }

        // Structure: lists and levels.
        let (sourceArrays, targetArrays) = (s.arrayDepth, t.arrayDepth)
        if targetArrays > sourceArrays {
            confidence *= 0.45
            reasons.append("the target is inside a list (\(t.enclosingArrayPath ?? "")) and the source is not")
        } else if sourceArrays > targetArrays {
            confidence *= 0.75
            reasons.append(
                "the source is inside a list (\(s.enclosingArrayPath ?? "")): one element fills one target record")
        } else if let sourceList = s.enclosingArrayPath, let targetList = t.enclosingArrayPath {
            reasons.append("elements of \(sourceList) fill elements of \(targetList)")
        }
        let levels = abs(s.names.count - t.names.count)
        confidence -= 0.02 * Double(levels)

        // What the values mean.
        let shared = source.kinds.intersection(target.kinds)
        if let kind = ValueKind.allCases.first(where: shared.contains) {
            confidence += 0.08
            reasons.append(kind.bothAre)
        } else if let conflict = Self.kindConflict(source.kinds, target.kinds) {
            confidence *= 0.6
            reasons.append(conflict)
        }
        if target.kinds.contains(.uuid), !source.kinds.contains(.uuid) {
            confidence *= 0.5
            reasons.append("the target holds a UUID of its own system; the source does not")
        }
        if !source.enumValues.isEmpty, !target.enumValues.isEmpty {
            let common = source.enumValues.intersection(target.enumValues)
            let overlap = Double(common.count) / Double(source.enumValues.union(target.enumValues).count)
            if overlap >= 0.5 {
                confidence += 0.06
                reasons.append("both list the values \(common.sorted().prefix(4).joined(separator: ", "))")
            } else {
                reasons.append("their values differ: a lookup table is needed")
            }
        }
        let sourceExamples = Set(s.examples)
        if !sourceExamples.isEmpty, !sourceExamples.isDisjoint(with: t.examples) {
            confidence += 0.05
            reasons.append("their examples agree")
        }
        if description.score >= 0.2 {
            confidence += 0.08 * min(1, description.score)
            let words = description.shared.map { target.descriptionWords[$0] ?? $0 }
            reasons.append("descriptions share \(words.joined(separator: ", "))")
        }

        // What keeps a match from being applied automatically.
        var ceiling = Double.infinity
        if name.onlyGeneric, !name.pairs.isEmpty {
            ceiling = min(ceiling, 0.75)
            reasons.append("only generic words match (\(t.name)); check that they mean the same thing")
        }
        if source.leafConcepts.subtracting(source.terms.filter(\.isContext).map(\.concept))
            == [vocabulary.concept("identifier")]
        {
            ceiling = min(ceiling, 0.7)
            reasons.append("identifiers of one system rarely mean anything in another")
        }
        if t.isReadOnly {
            ceiling = min(ceiling, 0.75)
            reasons.append("the target is read-only: use it to check, not to write")
        }
        if t.isInRelatedRecord {
            ceiling = min(ceiling, 0.75)
            reasons.append("\(t.names.dropLast().joined(separator: ".")) is a related record (it has an id): link it")
        }
        confidence = min(confidence, ceiling)
        return Score(confidence: max(0, confidence), reasons: reasons)
    }

    /// How well the source's JSON type fits the target's: a factor and, when it is not a plain fit, why.
    func typeFit(source: SchemaField, target: SchemaField) -> (factor: Double, reason: String?)? {
        let (s, t) = (source.type, target.type)
        if t.isObject || t.isArrayOfObjects && !s.isArrayOfObjects { return nil }
        if s.isObject { return nil }
        if t.isArrayOfObjects { return nil }
        if t.isArray {
            if s.isArray { return (1, "both are lists") }
            return (0.6, "the target is a list; the source one value")
        }
        if s.isArray {
            return s.isArrayOfObjects
                ? (0.55, "the source is a list of records: one element's value must be picked")
                : (0.6, "the source is a list: one element must be picked")
        }
        if s.names.isEmpty || t.names.isEmpty || s.names == t.names || (s.isNumeric && t.isNumeric) {
            if t.names == ["boolean"], s.names == ["boolean"] { return (1, "both are yes/no values") }
            return (1, nil)
        }
        let sourceText = s.names.contains("string")
        let targetText = t.names.contains("string")
        if t.isNumeric, sourceText { return (0.85, "the source is text holding a number: convert it with $number()") }
        if t.names == ["boolean"] {
            if sourceText, !source.enumValues.isEmpty { return (0.75, "a yes/no from the source's listed values") }
            return (0.5, "the target is a yes/no value; the source is not")
        }
        if s.names == ["boolean"] { return (0.55, "the source is a yes/no value; the target is not") }
        if targetText, s.isNumeric { return (0.9, "the number becomes text") }
        if !s.names.isDisjoint(with: t.names) { return (0.95, nil) }
        return (0.7, "their types differ (\(s) and \(t))")
    }

    /// Why two sets of value kinds contradict each other; `nil` when they do not.
    static func kindConflict(_ source: Set<ValueKind>, _ target: Set<ValueKind>) -> String? {
        let strong: Set<ValueKind> = [.temporal, .email, .phone, .url, .currencyCode, .countryCode, .money]
        let (s, t) = (source.intersection(strong), target.intersection(strong))
        if let sk = s.first, let tk = t.first, s.isDisjoint(with: t) {
            return "the source is \(sk.noun), the target \(tk.noun)"
        }
        let telling: Set<ValueKind> = [.temporal, .email, .url]
        if let tk = t.first(where: telling.contains), s.isEmpty {
            return "the target is \(tk.noun); the source does not look like one"
        }
        if let sk = s.first(where: telling.contains), t.isEmpty {
            return "the source is \(sk.noun); the target does not look like one"
        }
        return nil
    }

    /// The reason the names give, in words; `nil` when they share nothing.
    static func nameReason(_ name: NameMatch, source: SchemaField, target: SchemaField) -> String? {
        guard !name.pairs.isEmpty else { return nil }
        var details: [String] = []
        var shared: [String] = []
        for pair in name.pairs where !(pair.source.isContext && pair.target.isContext) {
            let (s, t) = (pair.source.text, pair.target.text)
            switch pair.kind {
            case .same: shared.append(t)
            case .abbreviation:
                if let long = pair.source.expansion, let other = pair.target.expansion {
                    details.append("\(s) and \(t) both mean \(other == long ? long : t)")
                } else if pair.source.expansion != nil {
                    details.append("\(s) is short for \(t)")
                } else {
                    details.append("\(t) is short for \(s)")
                }
            case .synonym: details.append("\(s) and \(t) mean the same")
            case .related: details.append("\(s) is close to \(t)")
            case .opposite: details.append("\(s) is the opposite of \(t): invert the value")
            case .sharedStem: details.append("\(s) and \(t) share a stem")
            }
        }
        for word in name.recordWords { details.append("\(word) is the record itself") }
        let lead: String
        if name.score >= 0.95 {
            lead = source.path == target.path ? "same name" : "names mean the same"
        } else if name.score >= 0.6 {
            lead = "names are close"
        } else {
            lead = "names overlap"
        }
        var parts: [String] = []
        if !shared.isEmpty, details.isEmpty || name.score < 0.95 {
            parts.append("both say " + shared.joined(separator: ", "))
        }
        parts.append(contentsOf: details)
        return parts.isEmpty ? lead : lead + ": " + parts.joined(separator: "; ")
    }
}
