import Testing

@testable import WeftModel

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    @Test(
        "edit distance counts insertions, deletions, substitutions and adjacent transpositions",
        arguments: [
            ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("retry", "retry", 0), ("kitten", "sitting", 3),
            ("retyr", "retry", 1), ("ab", "ba", 1), ("webhok", "webhook", 1), ("on_eror", "on_error", 1),
            ("backof", "backoff", 1), ("exponental", "exponential", 1), ("flaw", "lawn", 2), ("abcdef", "badcfe", 3),
        ])
    func editDistance(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(a, b) == distance)
        #expect(Suggestion.editDistance(b, a) == distance)
    }

    @Test(
        "the closest candidate when it is a plausible typo",
        arguments: [
            ("retyr", "retry"), ("webhok", "webhook"), ("GTE", "GET"), ("Retry", "retry"), ("stpes", "steps"),
            ("conection", "connection"), ("ie", "id"),
        ])
    func closest(word: String, expected: String) {
        let candidates = ["retry", "webhook", "GET", "steps", "connection", "id", "timeout"]
        #expect(Suggestion.closest(to: word, among: candidates) == expected)
    }

    @Test(
        "no suggestion when nothing is close",
        arguments: ["every", "xyz", "description", "q", "retriesandmore"])
    func noSuggestion(word: String) {
        #expect(Suggestion.closest(to: word, among: ["retry", "cron", "timezone", "catch_up"]) == nil)
    }

    @Test("the allowed distance grows with the word, up to three")
    func allowance() {
        // A 3-letter word allows 1 edit; a 6-letter word 2; a 12-letter word 3, and never more.
        #expect(Suggestion.closest(to: "abc", among: ["abd"]) == "abd")
        #expect(Suggestion.closest(to: "abc", among: ["axy"]) == nil)
        #expect(Suggestion.closest(to: "abcdef", among: ["abcdxy"]) == "abcdxy")
        #expect(Suggestion.closest(to: "abcdef", among: ["abcxyz"]) == nil)
        #expect(Suggestion.closest(to: "abcdefghijkl", among: ["abcdefghixyz"]) == "abcdefghixyz")
        #expect(Suggestion.closest(to: "abcdefghijklmnopqrst", among: ["abcdefghijklmnopwxyz"]) == nil)
    }

    @Test("ties go to the first candidate")
    func ties() {
        #expect(Suggestion.closest(to: "cat", among: ["bat", "cap"]) == "bat")
        #expect(Suggestion.closest(to: "cat", among: ["cap", "bat"]) == "cap")
    }

    @Test("hints name the closest candidate, or list a few candidates")
    func hints() {
        #expect(Suggestion.hint(for: "retyr", among: ["retry", "timeout"]) == "did you mean `retry`?")
        #expect(
            Suggestion.hint(for: "every", among: ["cron", "timezone", "catch_up"])
                == "expected one of: `cron`, `timezone`, `catch_up`")
        #expect(Suggestion.hint(for: "zzz", among: (1...13).map { "key\($0)" }) == nil)
        #expect(Suggestion.hint(for: "zzz", among: (1...12).map { "key\($0)" })?.hasPrefix("expected one of:") == true)
        #expect(Suggestion.hint(for: "zzz", among: []) == nil)
    }

    @Test("a plural key suggests the singular one")
    func plural() {
        withKnownIssue("`retries` is 3 edits from `retry`, more than the 2 a 7-letter word allows") {
            #expect(Suggestion.closest(to: "retries", among: ["retry", "timeout", "input"]) == "retry")
        }
    }
}
