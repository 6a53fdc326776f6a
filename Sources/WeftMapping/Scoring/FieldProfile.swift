import WeftJSON

/// A field as the scorer reads it: its terms, the kind of value it holds and the words of its description.
struct FieldProfile: Sendable {
    /// The field.
    var field: SchemaField
    /// The terms of its path, its own name's first; words that name its record are marked by concept in
    /// ``recordConcepts``.
    var terms: [Term]
    /// The concepts of the field's own name.
    var leafConcepts: Set<String>
    /// The concepts of the record's name (`order` for a field of an order).
    var recordConcepts: Set<String>
    /// What the value means.
    var kinds: Set<ValueKind>
    /// The stems of the description's words.
    var descriptionStems: Set<String>
    /// A description word as written, by its stem, for reasons.
    var descriptionWords: [String: String]
    /// The lowercased enum values.
    var enumValues: Set<String>

    /// Reads `field` of a record named `recordName`.
    init(field: SchemaField, recordName: String?, vocabulary: Vocabulary = .standard) {
        self.field = field
        let recordWords = recordName.map(WordSplitter.words(ofIdentifier:)) ?? []
        let recordTerms = vocabulary.terms(of: recordWords, level: 0, levelWeight: 1)
        recordConcepts = Set(recordTerms.map(\.concept))
        var terms: [Term] = []
        let levelWeights = [1.0, 0.5, 0.35]
        for (offset, name) in field.names.reversed().enumerated() {
            var words = WordSplitter.words(ofIdentifier: name)
            let weight = offset < levelWeights.count ? levelWeights[offset] : 0.3
            if offset == 0 {
                // A generic name (`number`, `code`) means what its parent or record makes it: `item number`.
                let own = vocabulary.terms(of: words, level: 0, levelWeight: 1)
                if !own.isEmpty, own.allSatisfy({ vocabulary.generic.contains($0.concept) }) {
                    let context =
                        field.names.count > 1
                        ? WordSplitter.words(ofIdentifier: field.names[field.names.count - 2]) : recordWords
                    let contextTerms = Set(vocabulary.terms(of: context, level: 0, levelWeight: 1).map(\.concept))
                    words = context + words
                    for var term in vocabulary.terms(of: words, level: 0, levelWeight: 1)
                    where !terms.contains(where: { $0.concept == term.concept }) {
                        term.isContext = contextTerms.contains(term.concept)
                        terms.append(term)
                    }
                    continue
                }
            }
            for term in vocabulary.terms(of: words, level: offset, levelWeight: weight)
            where !terms.contains(where: { $0.concept == term.concept }) {
                terms.append(term)
            }
        }
        self.terms = terms
        leafConcepts = Set(terms.filter { $0.level == 0 }.map(\.concept))
        var descriptionWords: [String: String] = [:]
        for word in WordSplitter.words(ofText: field.description ?? "") {
            let stem = Stemmer.stem(word)
            guard stem.count > 2, !vocabulary.stopWords.contains(stem), !stem.allSatisfy(\.isNumber) else { continue }
            if descriptionWords[stem] == nil { descriptionWords[stem] = word }
        }
        self.descriptionWords = descriptionWords
        descriptionStems = Set(descriptionWords.keys)
        enumValues = Set(field.enumValues.compactMap { $0.stringValue?.lowercased() })
        kinds = Self.kinds(of: field, leaf: leafConcepts, description: field.description ?? "")
    }

    /// What a field's value means.
    static func kinds(of field: SchemaField, leaf: Set<String>, description: String) -> Set<ValueKind> {
        var kinds: Set<ValueKind> = []
        let text = description.lowercased()
        let format = field.type.format?.lowercased() ?? ""
        let lastWord = WordSplitter.words(ofIdentifier: field.name).last ?? ""
        let vocabulary = Vocabulary.standard
        let temporalConcepts = vocabulary.concepts([
            "date", "date time", "created", "modified", "birth date", "due date",
        ])
        if ["date", "date-time", "unix-time", "time", "datetime"].contains(format)
            || !leaf.isDisjoint(with: temporalConcepts)
            || (["at", "on"].contains(lastWord) && field.names.last?.contains("_") == true)
            || text.contains("iso 8601") || text.contains("date and time") || text.contains("timestamp")
            || text.contains("since the unix epoch")
        {
            kinds.insert(.temporal)
        }
        let moneyConcepts = vocabulary.concepts(["amount", "price", "total", "cost", "balance", "fee", "subtotal"])
        let notMoney = vocabulary.concepts(["quantity", "count", "percent", "rate", "weight"])
        if !leaf.isDisjoint(with: moneyConcepts), leaf.isDisjoint(with: notMoney), !kinds.contains(.temporal),
            field.type.isScalar, !field.type.names.contains("boolean")
        {
            kinds.insert(.money)
        }
        let isText = field.type.names.isEmpty || field.type.names.contains("string")
        if isText, leaf.contains(vocabulary.concept("currency")) || text.contains("iso 4217") {
            kinds.insert(.currencyCode)
        }
        if format == "email" || leaf.contains(vocabulary.concept("email")) { kinds.insert(.email) }
        if format == "phone" || !leaf.isDisjoint(with: vocabulary.concepts(["phone", "mobile", "fax"])) {
            kinds.insert(.phone)
        }
        if leaf.contains(vocabulary.concept("country code"))
            || (leaf.contains(vocabulary.concept("country")) && text.contains("3166"))
        {
            kinds.insert(.countryCode)
        }
        if ["uri", "url", "iri", "uri-reference"].contains(format)
            || !leaf.isDisjoint(with: vocabulary.concepts(["url", "website"]))
        {
            kinds.insert(.url)
        }
        if format == "uuid" { kinds.insert(.uuid) }
        if leaf.contains(vocabulary.concept("percent")) { kinds.insert(.percent) }
        if leaf.contains(vocabulary.concept("postal code")) { kinds.insert(.postalCode) }
        for example in field.examples {
            guard let value = example.stringValue else { continue }
            if value.contains("@"), value.contains("."), !value.contains(" ") { kinds.insert(.email) }
            if value.hasPrefix("http://") || value.hasPrefix("https://") { kinds.insert(.url) }
            if value.count >= 10, value.prefix(4).allSatisfy(\.isNumber), value.dropFirst(4).first == "-" {
                kinds.insert(.temporal)
            }
        }
        return kinds
    }
}
