import WeftMapping

/// Precision of the automatic suggestions and recall of all suggestions against a labelled pair.
struct MappingScore: Sendable, CustomStringConvertible {
    var name: String
    /// Automatic suggestions that match a counted mapping.
    var autoCorrect = 0
    /// Automatic suggestions that match no labelled mapping.
    var autoWrong = 0
    /// Automatic suggestions that agree with a labelled mapping of another kind (not counted).
    var autoNeutral = 0
    /// Counted mappings found by any suggestion.
    var found = 0
    /// Counted mappings.
    var expected = 0
    /// Automatic suggestions whose source is labelled as having no counterpart.
    var unmappedAuto: [String] = []
    /// The wrong automatic suggestions and the counted mappings missed, for the record.
    var wrong: [String] = []
    var missed: [String] = []

    init(name: String, suggestions: [MappingSuggestion], pair: LabelledPair) {
        self.name = name
        expected = pair.counted.count
        for suggestion in suggestions {
            let link = LabelledPair.Link(source: suggestion.source, target: suggestion.target)
            if pair.counted.contains(link) { found += 1 }
            guard suggestion.status == .auto else { continue }
            if pair.counted.contains(link) {
                autoCorrect += 1
            } else if pair.neutral.contains(link) {
                autoNeutral += 1
            } else {
                autoWrong += 1
                wrong.append("\(suggestion.source) → \(suggestion.target) \(suggestion.confidence)")
            }
            if pair.unmapped.contains(where: {
                suggestion.source == $0 || suggestion.source.hasPrefix($0 + ".")
                    || suggestion.source.hasPrefix($0 + "[]")
            }) {
                unmappedAuto.append(suggestion.source)
            }
        }
        let suggested = Set(suggestions.map { LabelledPair.Link(source: $0.source, target: $0.target) })
        missed = pair.counted.filter { !suggested.contains($0) }.map { "\($0.source) → \($0.target)" }.sorted()
    }

    init(total scores: [MappingScore]) {
        name = "overall"
        for score in scores {
            autoCorrect += score.autoCorrect
            autoWrong += score.autoWrong
            autoNeutral += score.autoNeutral
            found += score.found
            expected += score.expected
            unmappedAuto += score.unmappedAuto
        }
    }

    var precision: Double? {
        autoCorrect + autoWrong == 0 ? nil : Double(autoCorrect) / Double(autoCorrect + autoWrong)
    }

    var recall: Double? { expected == 0 ? nil : Double(found) / Double(expected) }

    var description: String {
        func text(_ value: Double?) -> String {
            value.map { String(Int(($0 * 1000).rounded())).leftPadded() } ?? "n/a"
        }
        return "\(name): precision \(text(precision)) (\(autoCorrect) right, \(autoWrong) wrong, \(autoNeutral) "
            + "other-kind), recall \(text(recall)) (\(found)/\(expected))"
    }
}

extension String {
    /// `930` as `0.930`.
    fileprivate func leftPadded() -> String {
        let digits = String(repeating: "0", count: max(0, 4 - count)) + self
        return digits.dropLast(3) + "." + digits.suffix(3)
    }
}
