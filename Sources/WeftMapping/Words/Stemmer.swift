/// A light English stemmer for field names: plurals and the common verb endings, so that `taxes` and `tax`,
/// `included` and `include`, `billing` and `bill`, `shipping` and `ship` compare equal.
enum Stemmer {
    /// The stem of a lowercase word. Short words, numbers and words the vocabulary knows as they are stay whole.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        var stem = word
        if stem.hasSuffix("ies"), stem.count > 4 {
            stem = String(stem.dropLast(3)) + "y"
        } else if stem.hasSuffix("sses") || stem.hasSuffix("xes") || stem.hasSuffix("ches") || stem.hasSuffix("shes")
            || stem.hasSuffix("zes")
        {
            stem = String(stem.dropLast(2))
        } else if stem.hasSuffix("s"), !stem.hasSuffix("ss"), !stem.hasSuffix("us"), !stem.hasSuffix("is") {
            stem = String(stem.dropLast())
        }
        if stem.hasSuffix("ing"), stem.count > 5 {
            stem = undouble(String(stem.dropLast(3)))
        } else if stem.hasSuffix("ed"), stem.count > 4 {
            stem = undouble(String(stem.dropLast(2)))
        }
        if stem.hasSuffix("e"), stem.count > 4 { stem = String(stem.dropLast()) }
        return stem
    }

    /// `shipp` gives `ship`, `bill` stays `bill`.
    private static func undouble(_ stem: String) -> String {
        guard stem.count > 3, let last = stem.last, "bdgmnpt".contains(last), stem.dropLast().last == last else {
            return stem
        }
        return String(stem.dropLast())
    }
}
