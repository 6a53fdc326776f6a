/// One meaningful unit of a field's name: a word or a phrase, read as a concept of the ``Vocabulary``.
struct Term: Sendable, Hashable {
    /// The concept: the vocabulary group's key, or the word's stem.
    var concept: String
    /// The words as the name writes them: `qty`, `postal code`, `zip`.
    var text: String
    /// The spelled-out form when `text` is an abbreviation (`quantity` for `qty`).
    var expansion: String?
    /// How much the term counts: the concept's weight times its level's (the field's own name counts most).
    var weight: Double
    /// 0 for the field's own name, 1 for its parent's, and so on.
    var level: Int
    /// Whether the words come from the field's context (its parent or record, read into a generic name such as
    /// `number`) rather than from its own name.
    var isContext = false
}

extension Vocabulary {
    /// The terms of a run of words: abbreviations spelled out, phrases joined, stop words dropped.
    func terms(of words: [String], level: Int, levelWeight: Double) -> [Term] {
        // Spell out abbreviations, remembering which word each expanded word came from.
        var expanded: [(word: String, stem: String, source: String?)] = []
        for word in words {
            if let long = abbreviations[word], long != [word] {
                for part in long { expanded.append((part, Stemmer.stem(part), word)) }
            } else {
                expanded.append((word, Stemmer.stem(word), nil))
            }
        }
        var terms: [Term] = []
        var index = 0
        while index < expanded.count {
            var matched = false
            for length in stride(from: min(longestPhrase, expanded.count - index), through: 1, by: -1) {
                let slice = expanded[index..<index + length]
                guard let concept = phrases[slice.map(\.stem)] else { continue }
                if length == 1, stopWords.contains(slice.first!.stem) { break }
                terms.append(term(concept, slice: Array(slice), level: level, levelWeight: levelWeight))
                index += length
                matched = true
                break
            }
            if !matched {
                let item = expanded[index]
                if !stopWords.contains(item.stem) {
                    terms.append(term(item.stem, slice: [item], level: level, levelWeight: levelWeight))
                }
                index += 1
            }
        }
        return terms
    }

    private func term(
        _ concept: String, slice: [(word: String, stem: String, source: String?)], level: Int, levelWeight: Double
    ) -> Term {
        var sources: [String] = []
        for item in slice where sources.last != item.source ?? item.word { sources.append(item.source ?? item.word) }
        let text = sources.joined(separator: " ")
        let spelled = slice.map(\.word).joined(separator: " ")
        return Term(
            concept: concept, text: text, expansion: spelled == text ? nil : spelled,
            weight: weight(of: concept) * levelWeight, level: level)
    }
}
