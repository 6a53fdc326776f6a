import Testing

@testable import JSONata

@Suite("JSRegex syntax and flags")
struct JSRegexSyntaxTests {
    @Test(arguments: [
        ("(ab", 0, "unterminated group"),
        ("a(b(c)", 1, "unterminated group"),
        ("ab)", 2, "unmatched ')'"),
        ("a)b(", 1, "unmatched ')'"),
        ("*a", 0, "nothing to repeat"),
        ("a|+", 2, "nothing to repeat"),
        ("a**", 2, "nothing to repeat"),
        ("a{2}{3}", 4, "nothing to repeat"),
        ("(?:)?+", 5, "nothing to repeat"),
        ("^*", 1, "nothing to repeat"),
        ("\\b+", 2, "nothing to repeat"),
        ("(?<=a)*", 6, "nothing to repeat"),
        ("{2}", 0, "nothing to repeat"),
        ("x{3,2}", 1, "numbers out of order in {} quantifier"),
        ("[z-a]", 1, "range out of order in character class"),
        ("ab[c-b]", 3, "range out of order in character class"),
        ("[a-\\d]", 3, "invalid character class range"),
        ("[\\w-z]", 1, "invalid character class range"),
        ("[abc", 0, "unterminated character class"),
        ("x[^", 1, "unterminated character class"),
        ("ab\\", 2, "\\ at end of pattern"),
        ("(?x)", 0, "invalid group"),
        ("(?<1a>x)", 3, "invalid capture group name"),
        ("(?<>x)", 3, "invalid capture group name"),
        ("(?<n>a)(?<n>b)", 10, "duplicate capture group name 'n'"),
        ("\\k<nope>(?<yes>a)", 0, "reference to unknown group name 'nope'"),
        ("(a)\\2", 3, "invalid backreference \\2: there are only 1 groups"),
        ("\\xZ1", 0, "invalid \\x escape"),
        ("\\u12", 0, "invalid \\u escape"),
        ("\\u{110000}", 0, "invalid \\u escape"),
        ("\\u{}", 0, "invalid \\u escape"),
        ("\\c1", 0, "invalid \\c escape"),
        ("\\q", 0, "invalid escape '\\q'"),
        ("\\01", 0, "octal escapes are not supported"),
        ("\\p{L}", 0, "Unicode property escapes are not supported"),
        ("[\\B]", 1, "invalid escape '\\B' in character class"),
    ])
    func syntaxErrorsCarryMessageAndOffset(pattern: String, offset: Int, message: String) {
        let error = RegexTestSupport.syntaxError(pattern)
        #expect(error == RegexSyntaxError(message: message, offset: offset))
    }

    @Test func offsetsCountUnicodeScalars() {
        #expect(RegexTestSupport.syntaxError("😀é(")?.offset == 2)
    }

    @Test(arguments: ["", "i", "m", "g", "s", "gim", "imsg"])
    func acceptedFlags(flags: String) throws {
        let regex = try JSRegex(pattern: "a", flags: flags)
        #expect(regex.flags == flags)
        #expect(regex.pattern == "a")
    }

    @Test(arguments: [("x", 0, "unknown flag 'x'"), ("iu", 1, "unknown flag 'u'"), ("mim", 2, "duplicate flag 'm'")])
    func rejectedFlags(flags: String, offset: Int, message: String) {
        #expect(RegexTestSupport.syntaxError("a", flags) == RegexSyntaxError(message: message, offset: offset))
    }

    @Test(arguments: [
        "a{", "a{,2}", "a{1,x}", "}", "]", "x{y}", "[]", "[^]", "[-]", "[a-]", "\\-", "\\/", "\\ ", "a{1}?",
    ])
    func lenientButValidSyntax(pattern: String) {
        #expect(RegexTestSupport.syntaxError(pattern) == nil)
    }

    @Test func groupCountsAndNames() throws {
        let regex = try JSRegex(pattern: "(a)(?:b)(?<named>c)(?=(d))(?<other>e)?", flags: "")
        #expect(regex.captureCount == 4)
        #expect(regex.groupNames == ["named": 2, "other": 4])
        #expect(try JSRegex(pattern: "abc", flags: "").captureCount == 0)
    }

    @Test func forwardReferencesResolve() throws {
        #expect(try RegexTestSupport.exec("\\k<n>(?<n>a)\\1", "", "aa") == ["aa", "a"])
        #expect(try RegexTestSupport.exec("\\2(a)(b)", "", "ab") == ["ab", "a", "b"])
    }

    @Test func escapes() throws {
        #expect(try RegexTestSupport.exec("\\n\\r\\t\\f\\v\\0", "", "\n\r\t\u{C}\u{B}\u{0}")?.first != nil)
        #expect(try RegexTestSupport.exec("\\x41\\u0042\\u{43}\\u{1F600}", "", "ABC😀") == ["ABC😀"])
        #expect(try RegexTestSupport.exec("\\uD83D\\uDE00", "", "x😀") == ["😀"])
        #expect(try RegexTestSupport.exec("\\cM\\cj", "", "\r\n") == ["\r\n"])
        #expect(try RegexTestSupport.exec("[\\x30-\\x39]+", "", "ab123") == ["123"])
        #expect(try RegexTestSupport.exec("[\\u{1F600}-\\u{1F64F}]", "", "a🙂") == ["🙂"])
        #expect(try RegexTestSupport.exec("\\.\\*\\(", "", "a.*(") == [".*("])
        #expect(try RegexTestSupport.exec("[\\b]", "", "a\u{8}") == ["\u{8}"])
    }
}
