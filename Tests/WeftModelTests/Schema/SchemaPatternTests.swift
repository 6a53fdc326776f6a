import Testing

@testable import WeftModel

@Suite("JSON Schema patterns")
struct SchemaPatternTests {
    private func matches(_ pattern: String, _ text: String) -> Bool? {
        SchemaPattern(pattern).matches(text)
    }

    @Test func literalsAndAnchors() {
        #expect(matches("abc", "xxabcxx") == true)
        #expect(matches("^abc", "xxabc") == false)
        #expect(matches("abc$", "abcx") == false)
        #expect(matches("^abc$", "abc") == true)
        #expect(matches("", "anything") == true)
        #expect(matches("a.c", "a\nc") == false)
        #expect(matches("a.c", "a-c") == true)
    }

    @Test func classesAndEscapes() {
        #expect(matches("^[a-z0-9_-]+$", "user_name-1") == true)
        #expect(matches("^[a-z0-9_-]+$", "User") == false)
        #expect(matches("^[^,]+$", "a,b") == false)
        #expect(matches("^\\d{3}-\\d{4}$", "555-1234") == true)
        #expect(matches("^\\w+\\s\\w+$", "hello world") == true)
        #expect(matches("^\\S+$", "a b") == false)
        #expect(matches("^[\\d.]+$", "1.25") == true)
        #expect(matches("^[\\D]+$", "abc") == true)
        #expect(matches("^\\x41\\u0042\\u{43}$", "ABC") == true)
        #expect(matches("^\\.\\*$", ".*") == true)
        #expect(matches("^[é-ë]$", "ê") == true)
        #expect(matches("\\bcat\\b", "a cat!") == true)
        #expect(matches("\\bcat\\b", "concat") == false)
    }

    @Test func quantifiersAndGroups() {
        #expect(matches("^(ab)+$", "ababab") == true)
        #expect(matches("^(ab)+$", "aba") == false)
        #expect(matches("^a{2,3}$", "aaaa") == false)
        #expect(matches("^a{2,}$", "aaaa") == true)
        #expect(matches("^(?:cat|dog)s?$", "dogs") == true)
        #expect(matches("^(?<year>\\d{4})-(\\d{2})$", "2024-05") == true)
        #expect(matches("^a*?b$", "aaab") == true)
        #expect(matches("^(a|ab)(c|bcd)(d*)$", "abcd") == true)
        #expect(matches("^(?=.*\\d)(?=.*[a-z]).{8,}$", "password1") == true)
        #expect(matches("^(?=.*\\d)(?=.*[a-z]).{8,}$", "password") == false)
        #expect(matches("^(?!admin$).+$", "admin") == false)
        #expect(matches("^x{1}$", "x") == true)
        #expect(matches("^a{,2}$", "a{,2}") == true)
        #expect(matches("^(a*)*$", "aaaa") == true)
    }

    @Test func semanticVersionAndEmailLikePatterns() {
        let semver = "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$"
        #expect(matches(semver, "1.20.3-beta.1") == true)
        #expect(matches(semver, "01.2.3") == false)
    }

    @Test func unsupportedSyntaxIsUndecided() {
        #expect(matches("(a)\\1", "aa") == nil)
        #expect(matches("(?<=a)b", "ab") == nil)
        #expect(matches("\\p{L}+", "abc") == nil)
        #expect(matches("(unclosed", "x") == nil)
        #expect(matches("*a", "a") == nil)
    }

    @Test func catastrophicBacktrackingGivesUp() {
        let text = String(repeating: "a", count: 40) + "!"
        #expect(matches("^(a+)+$", text) == nil)
        #expect(matches("^(a|a)*$", text) == nil)
    }

    @Test func longTextsDoNotExhaustTheStack() {
        let text = String(repeating: "ab", count: 50_000)
        #expect(matches("^[ab]*$", text) == true)
        #expect(matches("^.*z", String(text.prefix(20_000))) == false)
    }
}
