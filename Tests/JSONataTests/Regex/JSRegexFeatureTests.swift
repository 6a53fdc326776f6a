import Testing

@testable import JSONata

@Suite("JSRegex matching semantics")
struct JSRegexFeatureTests {
    private func exec(_ pattern: String, _ flags: String = "", _ input: String) throws -> [String?]? {
        try RegexTestSupport.exec(pattern, flags, input)
    }

    @Test func greedyAndLazyQuantifiers() throws {
        #expect(try exec("<.+>", "", "<a><b>") == ["<a><b>"])
        #expect(try exec("<.+?>", "", "<a><b>") == ["<a>"])
        #expect(try exec("a{2,4}", "", "aaaaa") == ["aaaa"])
        #expect(try exec("a{2,4}?", "", "aaaaa") == ["aa"])
        #expect(try exec("(ab){1,3}?c", "", "ababc") == ["ababc", "ab"])
        #expect(try exec("(a|b)??c", "", "bc") == ["bc", "b"])
        #expect(try exec("x??", "", "x") == [""])
        #expect(try exec("(?:a{2}){2,}?", "", "aaaaaa") == ["aaaa"])
    }

    @Test func alternationPrefersTheFirstAlternativeThatLeadsToAMatch() throws {
        #expect(try exec("a|ab", "", "ab") == ["a"])
        #expect(try exec("(a|ab)c", "", "abc") == ["abc", "ab"])
        #expect(try exec("(ab|a)(bc|c)", "", "abc") == ["abc", "ab", "c"])
        #expect(try exec("(?:cat|category)s?$", "", "categorys") == ["categorys"])
    }

    @Test func capturesAreResetOnEachIteration() throws {
        #expect(try exec("(?:(a)|(b))+", "", "ab") == ["ab", nil, "b"])
        #expect(try exec("(?:(a)|b)*", "", "ab") == ["ab", nil])
        #expect(try exec("((a)|b)+", "", "ab") == ["ab", "b", nil])
        #expect(try exec("(z)((a+)?(b+)?(c))*", "", "zaacbbbcac") == ["zaacbbbcac", "z", "ac", "a", nil, "c"])
    }

    @Test func backreferences() throws {
        #expect(try exec("(\\w)\\1", "", "abccd") == ["cc", "c"])
        #expect(try exec("(a)?b\\1", "", "b") == ["b", nil])
        #expect(try exec("(?:(a)|b)\\1c", "", "bc") == ["bc", nil])
        #expect(try exec("(a\\1)", "", "aa") == ["a", "a"])
        #expect(try exec("(?<q>['\"]).*?\\k<q>", "", "say \"hi\" 'x'") == ["\"hi\"", "\""])
        #expect(try exec("(a)\\1", "i", "aA") == ["aA", "a"])
        #expect(try exec("(a)\\1", "", "aA") == nil)
    }

    @Test func lookarounds() throws {
        #expect(try exec("\\d+(?=%)", "", "5 apples 40%") == ["40"])
        #expect(try exec("\\d+(?!%|\\d)", "", "40% 7") == ["7"])
        #expect(try exec("(?<=\\$)\\d+", "", "€5 $7") == ["7"])
        #expect(try exec("(?<!\\$)\\b\\d+", "", "$5 7") == ["7"])
        #expect(try exec("(?<=(\\d)(\\d))x", "", "12x") == ["x", "1", "2"])
        #expect(try exec("(?<=\\1(.))x", "", "aax") == ["x", "a"])
        #expect(try exec("(?<=a(?!b)c)d", "", "acd") == ["d"])
        #expect(try exec("(?=(\\w+))\\1:", "", "abc:") == ["abc:", "abc"])
        #expect(try exec("(?!(a))\\1b", "", "b") == ["b", nil])
        #expect(try exec("(?<=^|,)[^,]*", "", "a,bb") == ["a"])
    }

    @Test func multilineAnchors() throws {
        #expect(try exec("^b$", "", "a\nb\nc") == nil)
        #expect(try exec("^b$", "m", "a\nb\nc") == ["b"])
        #expect(try exec("^b$", "m", "a\r\nb\r\nc") == ["b"])
        #expect(try exec("^b$", "m", "a\u{2028}b\u{2029}c") == ["b"])
        #expect(try RegexTestSupport.all("^\\w", "m", "ab\ncd\n\nef") == ["a", "c", "e"])
        #expect(try RegexTestSupport.all("$", "m", "a\nb") == ["", ""])
    }

    @Test func anchoredPatternsAndStartOffsets() throws {
        let regex = try JSRegex(pattern: "^a", flags: "")
        let text = RegexTestSupport.scalars("aa")
        #expect(try regex.firstMatch(in: text, from: 0, limits: RegexLimits())?.range == 0..<1)
        #expect(try regex.firstMatch(in: text, from: 1, limits: RegexLimits()) == nil)
        let word = try JSRegex(pattern: "\\bb", flags: "")
        #expect(
            try word.firstMatch(in: RegexTestSupport.scalars("ab b"), from: 1, limits: RegexLimits())?.range == 3..<4)
        #expect(try word.firstMatch(in: text, from: 5, limits: RegexLimits()) == nil)
        #expect(
            try JSRegex(pattern: "", flags: "").firstMatch(in: text, from: 2, limits: RegexLimits())?.range == 2..<2)
    }

    @Test func caseInsensitiveMatching() throws {
        #expect(try exec("[a-f]+", "i", "xBaDcafe") == ["BaDcafe"])
        #expect(try exec("[^a-z]+", "i", "ABC123") == ["123"])
        #expect(try exec("\\w+", "i", "ÀBc") == ["Bc"])
        #expect(try exec("straße", "i", "STRASSE") == nil)
        #expect(try exec("ÄÖÜ", "i", "äöü") == ["äöü"])
        #expect(try exec("[α-ω]+", "i", "ΑΒΓ") == ["ΑΒΓ"])
        #expect(try exec("\\u212A", "i", "k") == nil)
        #expect(try exec("k", "i", "\u{212A}") == nil)
        #expect(try exec("[^x]", "i", "X") == nil)
        #expect(try exec("HELLO", "", "hello") == nil)
    }

    @Test func wordBoundaries() throws {
        #expect(try RegexTestSupport.all("\\b\\w", "", "hi there, you") == ["h", "t", "y"])
        #expect(try RegexTestSupport.all("\\B\\w", "", "ab cd") == ["b", "d"])
        #expect(try exec("\\bé", "", "café é") == ["é"])  // between "f" and "é": é is not a word character
        #expect(try exec("\\b", "", "") == nil)
        #expect(try exec("\\B", "", "") == [""])
    }

    @Test func emptyLoopRule() throws {
        #expect(try exec("(a*)*", "", "b") == ["", nil])
        #expect(try exec("(a*)+", "", "b") == ["", ""])
        #expect(try exec("(?:a?)*?b", "", "aab") == ["aab"])
        #expect(try exec("(?:|a)*", "", "aaa") == ["aaa"])  // the empty alternative fails the empty check
        #expect(try exec("(?:a|)*", "", "aaa") == ["aaa"])
        #expect(try exec("(?:a*){2,5}b", "", "aaab") == ["aaab"])
        #expect(try exec("(?:(?=a))*a", "", "a") == ["a"])
        #expect(try exec("(?:\\b)+x", "", "x") == ["x"])
    }

    @Test func dotAndDotAll() throws {
        #expect(try exec(".+", "", "ab\ncd") == ["ab"])
        #expect(try exec(".+", "s", "ab\ncd") == ["ab\ncd"])
        #expect(try exec("a.b", "", "a\rb") == nil)
        #expect(try exec(".", "", "😀") == ["😀"])
    }

    @Test func classEscapes() throws {
        #expect(try exec("\\s+", "", "a\u{A0}\u{2003}\u{FEFF}\t\u{3000}b") == ["\u{A0}\u{2003}\u{FEFF}\t\u{3000}"])
        #expect(try exec("[\\s\\d]+", "", "x1 2y") == ["1 2"])
        #expect(try exec("[^\\s]+", "", "  ab ") == ["ab"])
        #expect(try exec("[\\S]+", "", "  ab ") == ["ab"])
        #expect(try exec("\\d+", "", "٣٤5") == ["5"])
    }

    @Test func globalMatchingAdvancesPastEmptyMatches() throws {
        #expect(try RegexTestSupport.all("a*", "", "baac") == ["", "aa", "", ""])
        #expect(try RegexTestSupport.all("\\d+", "g", "1 22 333") == ["1", "22", "333"])
        #expect(try RegexTestSupport.all("", "", "ab") == ["", "", ""])
        #expect(try RegexTestSupport.all("x", "", "") == [])
    }

    @Test func matchesBudgetCoversTheWholeCall() throws {
        let regex = try JSRegex(pattern: "a", flags: "")
        let text = [Unicode.Scalar](repeating: "a", count: 1_000)
        #expect(try regex.matches(in: text, limits: RegexLimits(maxSteps: 100_000)).count == 1_000)
        #expect(throws: RegexBudgetExceeded.self) {
            _ = try regex.matches(in: text, limits: RegexLimits(maxSteps: 500))
        }
        #expect(try regex.isMatch(in: text))
    }
}
