import Testing

@testable import JSONata

@Suite("JSRegex step budget and long inputs")
struct JSRegexBudgetTests {
    private func scalars(_ text: String) -> [Unicode.Scalar] { RegexTestSupport.scalars(text) }

    @Test(arguments: [
        ("(a+)+$", String(repeating: "a", count: 34) + "b"),
        ("(a|aa)*b", String(repeating: "a", count: 60)),
        ("(?:a|a?)+b", String(repeating: "a", count: 40)),
        ("(x+x+)+y", String(repeating: "x", count: 40)),
        ("(a*)*b", String(repeating: "a", count: 40)),
        ("^(\\w+\\s?)*$", String(repeating: "word ", count: 12) + "!"),
        ("(.*a){12}", String(repeating: "a", count: 12) + String(repeating: "b", count: 3000)),
    ])
    func catastrophicPatternsEndInBudgetError(pattern: String, input: String) throws {
        let regex = try JSRegex(pattern: pattern, flags: "")
        // The budget error is the proof that the search stops (no wall-clock assertion in unit tests).
        #expect(throws: RegexBudgetExceeded.self) {
            _ = try regex.firstMatch(in: scalars(input), from: 0, limits: RegexLimits())
        }
    }

    @Test func singleCharacterAlternativesBecomeAClassAndStayLinear() throws {
        // `(a|a)*b` is exponential for a naive backtracker; the alternation compiles to the class `[a]`.
        let regex = try JSRegex(pattern: "(a|a)*b", flags: "")
        let text = scalars(String(repeating: "a", count: 1_000))
        #expect(try regex.firstMatch(in: text, from: 0, limits: RegexLimits(maxSteps: 100_000_000)) == nil)
        #expect(try regex.firstMatch(in: scalars("xaab"), from: 0, limits: RegexLimits())?.groups == [2..<3])
    }

    @Test func budgetErrorReportsSteps() throws {
        let regex = try JSRegex(pattern: "(a+)+$", flags: "")
        let text = scalars(String(repeating: "a", count: 30) + "b")
        do {
            _ = try regex.firstMatch(in: text, from: 0, limits: RegexLimits(maxSteps: 5_000))
            Issue.record("expected the budget to be exceeded")
        } catch {
            #expect(error.steps > 5_000)
            #expect(error.steps < 5_100)
        }
    }

    @Test func smallBudgetStillFindsCheapMatches() throws {
        let regex = try JSRegex(pattern: "(a+)+$", flags: "")
        let match = try regex.firstMatch(in: scalars("aaaa"), from: 0, limits: RegexLimits(maxSteps: 200))
        #expect(match?.range == 0..<4)
    }

    @Test func defaultLimitsAreOneMillionSteps() {
        #expect(RegexLimits().maxSteps == 1_000_000)
        #expect(RegexLimits.default.maxSteps == 1_000_000)
        #expect(RegexLimits().scaled(forInputLength: 1_000_000).maxSteps == 8_000_000)
        #expect(RegexLimits().scaled(forInputLength: 10).maxSteps == 1_000_000)
    }

    @Test(arguments: [".*", "a*", "[a-z]*", "(?:a|b)*", "(a)*", "(?:aa?)*", "a*?$", "(?:a|b)*?$", "(?<=a)$"])
    func longInputNeitherCrashesNorOverflows(pattern: String) throws {
        let text = [Unicode.Scalar](repeating: "a", count: 1_000_000)
        let regex = try JSRegex(pattern: pattern, flags: "")
        let match = try regex.firstMatch(in: text, from: 0, limits: RegexLimits(maxSteps: 100_000_000))
        let expected = pattern.hasSuffix("$") ? (pattern == "(?<=a)$" ? 1_000_000 : 0)..<1_000_000 : 0..<1_000_000
        #expect(match?.range == expected)
    }

    @Test func longInputWithDefaultBudgetFailsCleanly() throws {
        let text = [Unicode.Scalar](repeating: "a", count: 1_000_000)
        let regex = try JSRegex(pattern: "(?:a|b)*c", flags: "")
        #expect(throws: RegexBudgetExceeded.self) {
            _ = try regex.firstMatch(in: text, from: 0, limits: RegexLimits())
        }
    }

    @Test func deeplyNestedGroupsWithinTheLimitMatch() throws {
        let depth = RegexParser.maxDepth
        let pattern = String(repeating: "(?:", count: depth) + "a" + String(repeating: ")*", count: depth)
        let regex = try JSRegex(pattern: pattern, flags: "")
        let match = try regex.firstMatch(in: scalars("aaa"), from: 0, limits: RegexLimits())
        #expect(match?.range == 0..<3)
    }

    @Test func nestingBeyondTheLimitIsASyntaxError() {
        let depth = RegexParser.maxDepth + 1
        let pattern = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        let error = RegexTestSupport.syntaxError(pattern)
        #expect(error?.offset == RegexParser.maxDepth)
    }

    @Test func longAlternationAndSequenceCompile() throws {
        let words = (0..<5_000).map { "w\($0)x" }
        let regex = try JSRegex(pattern: words.joined(separator: "|"), flags: "")
        let match = try regex.firstMatch(in: scalars("... w4999x"), from: 0, limits: RegexLimits(maxSteps: 10_000_000))
        #expect(match?.range == 4..<10)
        let long = try JSRegex(pattern: String(repeating: "ab", count: 50_000), flags: "")
        let text = scalars(String(repeating: "ab", count: 50_001))
        #expect(try long.firstMatch(in: text, from: 0, limits: RegexLimits())?.range == 0..<100_000)
    }

    @Test func sharedAcrossConcurrentTasks() async throws {
        let regex = try JSRegex(pattern: "(\\d+)-(\\d+)", flags: "")
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let text = RegexTestSupport.scalars("x \(index)-\(index * 2) y")
                    return try regex.matches(in: text).count
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(results == 8)
    }
}
