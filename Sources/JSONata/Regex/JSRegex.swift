/// A JavaScript (ECMAScript) regular expression, as written in JSONata's `/pattern/flags` literals.
///
/// The pattern is compiled once into a small program that a backtracking matcher runs with an explicit
/// stack and a step budget (``RegexLimits``), so every search ends — with a match, no match, or
/// ``RegexBudgetExceeded`` — however pathological the pattern, and neither deep patterns nor long inputs
/// can overflow the call stack. Values are immutable and safe to share between threads.
///
/// Supported: literals and escapes (`\n \r \t \f \v \0 \cX \xHH \uHHHH \u{...}`, escaped metacharacters),
/// `.`, classes with negation and ranges, `\d \D \w \W \s \S`, anchors `^ $`, `\b \B`, capturing,
/// non-capturing and named groups, numbered and named backreferences, alternation, greedy and lazy
/// quantifiers, lookahead and lookbehind. Flags: `i`, `m`, `s`, and `g` (accepted, no effect here).
///
/// Matching works on Unicode scalars, not UTF-16 code units, so `.` matches a whole astral character, as
/// with JavaScript's `u` flag. Case-insensitive matching compares canonical case as described in
/// ``RegexCaseFolding``. Not supported: Unicode property escapes (`\p{...}`), legacy octal escapes (so a
/// `\N` naming a group that does not exist is a syntax error rather than an octal character), the `u`, `y`,
/// `d` and `v` flags, and duplicate group names. Results were checked against node on several thousand
/// random patterns.
final class JSRegex: Sendable {
    /// The pattern as written, without the slashes.
    let pattern: String
    /// The flags as written.
    let flags: String
    /// Group numbers by group name.
    let groupNames: [String: Int]
    private let program: RegexProgram

    /// Compiles `pattern` with `flags` (any of `i`, `m`, `s`, `g`, each at most once).
    init(pattern: String, flags: String = "") throws(RegexSyntaxError) {
        let parsedFlags = try RegexFlags(parsing: flags)
        let parsed = try RegexParser.parse(pattern)
        self.pattern = pattern
        self.flags = flags
        self.groupNames = parsed.groupNames
        self.program = RegexCompiler.compile(parsed.node, captureCount: parsed.captureCount, flags: parsedFlags)
    }

    /// The number of capture groups.
    var captureCount: Int { program.captureCount }

    /// Finds the first match starting at or after `start` in `text` (indices are positions in the scalar
    /// array). Returns `nil` when there is none, including when `start` is outside `0...text.count`.
    ///
    /// - Throws: ``RegexBudgetExceeded`` when the search takes more than `limits.maxSteps` steps.
    func firstMatch(in text: [Unicode.Scalar], from start: Int = 0, limits: RegexLimits = .default)
        throws(RegexBudgetExceeded) -> RegexMatch?
    {
        try withMatcher(text, limits) { (matcher: inout RegexMatcher) throws(RegexBudgetExceeded) in
            try matcher.firstMatch(from: start)
        }
    }

    /// Runs `body` with a matcher over `text`.
    func withMatcher<Result>(
        _ text: [Unicode.Scalar], _ limits: RegexLimits,
        _ body: (inout RegexMatcher) throws(RegexBudgetExceeded) -> Result
    ) throws(RegexBudgetExceeded) -> Result {
        let outcome: Swift.Result<Result, RegexBudgetExceeded> = text.withUnsafeBufferPointer { buffer in
            var matcher = RegexMatcher(program: program, text: buffer, maxSteps: limits.maxSteps)
            do throws(RegexBudgetExceeded) {
                return .success(try body(&matcher))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
