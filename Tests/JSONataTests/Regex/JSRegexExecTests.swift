import Testing

@testable import JSONata

@Suite("JSRegex against JavaScript results")
struct JSRegexExecTests {
    @Test(arguments: regexExecCases)
    func matchesLikeJavaScript(_ testCase: RegexExecCase) throws {
        let regex = try JSRegex(pattern: testCase.pattern, flags: testCase.flags)
        let text = RegexTestSupport.scalars(testCase.input)
        let match = try regex.firstMatch(in: text, from: 0, limits: RegexLimits())
        #expect(match?.range == testCase.range)
        if let match, testCase.range != nil {
            let groups = match.groups.map { $0.map { RegexTestSupport.string(text, $0) } }
            #expect(groups == testCase.groups)
        }
    }
}
