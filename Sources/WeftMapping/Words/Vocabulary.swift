import Foundation

/// The words of business data that name the same thing, or nearly: the suggester's general knowledge.
///
/// Names are read as words (see ``WordSplitter``), abbreviations are spelled out (`qty` is `quantity`), words are
/// stemmed, and runs of words that name one thing (`postal code`, `first name`, `unit of measure`) become one
/// *concept*. Two concepts are the same, related (with a credit below 1) or opposite (`tax exempt` and `tax
/// liable`: the value must be inverted).
struct Vocabulary: Sendable {
    /// How two concepts relate.
    enum RelationKind: Sendable {
        /// Close in meaning.
        case related
        /// Opposite: a match needs the value inverted.
        case opposite
    }

    /// A relation between two concepts: how much a match counts and its kind.
    struct Relation: Sendable {
        var credit: Double
        var kind: RelationKind
    }

    /// The vocabulary every suggestion uses.
    static let standard = Vocabulary()

    /// Abbreviation → the words it stands for.
    let abbreviations: [String: [String]]
    /// A run of stems → the concept it names.
    let phrases: [[String]: String]
    /// The longest phrase, in words.
    let longestPhrase: Int
    /// Relations between concepts, both ways.
    let relations: [String: [String: Relation]]
    /// Stems of words that carry no meaning in a name.
    let stopWords: Set<String>
    /// Concept → how much it counts.
    let weights: [String: Double]
    /// Concepts that are generic names.
    let generic: Set<String>

    private init() {
        var abbreviations: [String: [String]] = [:]
        for (short, long) in Self.abbreviationEntries {
            abbreviations[short] = long.split(separator: " ").map(String.init)
        }
        var phrases: [[String]: String] = [:]
        for line in Self.synonymEntries {
            let members = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let concept = members.first else { continue }
            let key = Self.conceptKey(concept)
            for member in members {
                phrases[Self.stems(member)] = key
            }
        }
        var relations: [String: [String: Relation]] = [:]
        for (left, right, credit, kind) in Self.relationEntries {
            let (a, b) = (Self.resolve(left, in: phrases), Self.resolve(right, in: phrases))
            relations[a, default: [:]][b] = Relation(credit: credit, kind: kind)
            relations[b, default: [:]][a] = Relation(credit: credit, kind: kind)
        }
        self.abbreviations = abbreviations
        self.phrases = phrases
        self.longestPhrase = phrases.keys.map(\.count).max() ?? 1
        self.relations = relations
        self.stopWords = Set(Self.stopWordEntries.map(Stemmer.stem))
        var weights: [String: Double] = [:]
        for (word, weight) in Self.weightEntries { weights[Self.resolve(word, in: phrases)] = weight }
        self.weights = weights
        self.generic = Set(Self.genericEntries.map { Self.resolve($0, in: phrases) })
    }

    /// The stems of the words of `text`.
    static func stems(_ text: String) -> [String] {
        text.split(separator: " ").map { Stemmer.stem(String($0)) }
    }

    /// The key of a concept: its stems joined by spaces.
    static func conceptKey(_ text: String) -> String {
        stems(text).joined(separator: " ")
    }

    /// The concept a word or phrase of the entries names: its group's, or its own.
    private static func resolve(_ text: String, in phrases: [[String]: String]) -> String {
        phrases[stems(text)] ?? conceptKey(text)
    }

    /// The concept a word or phrase names.
    func concept(_ text: String) -> String {
        Self.resolve(text, in: phrases)
    }

    /// The concepts some words or phrases name.
    func concepts(_ texts: [String]) -> Set<String> {
        Set(texts.map(concept))
    }

    /// How two concepts relate; `nil` when they do not.
    func relation(_ left: String, _ right: String) -> Relation? {
        relations[left]?[right]
    }

    /// How much a concept counts in a name.
    func weight(of concept: String) -> Double {
        weights[concept] ?? 1
    }
}
