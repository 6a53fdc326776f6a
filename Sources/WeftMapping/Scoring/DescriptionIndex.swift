import Foundation

/// How rare each description word is across both schemas, to weigh description overlap: words every description
/// shares (`property`, `entity`, the vendor's name) count for nothing.
struct DescriptionIndex: Sendable {
    private var inverseFrequency: [String: Double] = [:]

    /// An index over the descriptions of all `profiles`.
    init(_ profiles: [FieldProfile]) {
        var frequency: [String: Int] = [:]
        var documents = 0
        for profile in profiles where !profile.descriptionStems.isEmpty {
            documents += 1
            for stem in profile.descriptionStems { frequency[stem, default: 0] += 1 }
        }
        for (stem, count) in frequency {
            inverseFrequency[stem] = log(Double(documents + 1) / Double(count + 1))
        }
    }

    /// The cosine similarity of two descriptions, words weighted by rarity, and the shared words that count most.
    func similarity(_ left: Set<String>, _ right: Set<String>) -> (score: Double, shared: [String]) {
        guard !left.isEmpty, !right.isEmpty else { return (0, []) }
        func norm(_ stems: Set<String>) -> Double {
            stems.map { pow(inverseFrequency[$0] ?? 0, 2) }.reduce(0, +).squareRoot()
        }
        let shared = left.intersection(right)
        let dot = shared.map { pow(inverseFrequency[$0] ?? 0, 2) }.reduce(0, +)
        let denominator = norm(left) * norm(right)
        guard denominator > 0 else { return (0, []) }
        let top = shared.sorted { (inverseFrequency[$0] ?? 0, $1) > (inverseFrequency[$1] ?? 0, $0) }.prefix(3)
        return (dot / denominator, Array(top))
    }
}
