/// A compiled regular expression: instructions for ``RegexMatcher`` and what it needs to run them.
struct RegexProgram: Sendable {
    /// The instructions; execution starts at 0 and succeeds at ``RegexInstruction/match``.
    var instructions: ContiguousArray<RegexInstruction> = []
    /// The character classes instructions refer to by number.
    var characterClasses: ContiguousArray<RegexCharSet> = []
    /// The number of registers: two per capture group (group 0 included), then the compiler's own.
    var slotCount = 2
    /// The number of capture groups.
    var captureCount = 0
    /// Whether characters are compared by canonical case (for backreferences).
    var ignoreCase = false
    /// The characters a match can start with, when the pattern cannot match empty; start positions whose
    /// character is not in it are skipped without running the program.
    var firstCharacters: RegexCharSet?
    /// Whether every match must start at position 0 (the pattern begins with `^` and the `m` flag is off).
    var anchoredAtStart = false
}
