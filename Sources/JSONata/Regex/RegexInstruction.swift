/// One instruction of a compiled regular expression (see ``RegexProgram``).
///
/// Registers are slots in the matcher's integer array: slots `2k` and `2k + 1` hold the start and end of
/// capture group `k` (`-1` when unset); the compiler allocates the slots after them for positions, loop
/// counters and lookaround bookkeeping. Every register write is logged on the backtrack stack so that
/// backtracking restores it. "Backward" instructions are used inside lookbehinds, which ECMAScript matches
/// from right to left.
enum RegexInstruction: Sendable {
    /// Consume one character that passes the test, moving forward.
    case consume(RegexCharMatcher)
    /// Consume one character that passes the test, moving backward.
    case consumeBackward(RegexCharMatcher)
    /// Consume between `min` and `max` characters that pass the test, greedily or lazily.
    case repeatCharacter(RegexCharMatcher, min: Int, max: Int, greedy: Bool, backward: Bool)
    /// Succeed at the start of the input.
    case assertInputStart
    /// Succeed at the end of the input.
    case assertInputEnd
    /// Succeed at the start of the input or after a line terminator.
    case assertLineStart
    /// Succeed at the end of the input or before a line terminator.
    case assertLineEnd
    /// Succeed where exactly one of the neighbouring characters is a word character (or, negated, where not).
    case assertWordBoundary(negated: Bool)
    /// Continue at `preferred`; on backtracking, at `alternative`.
    case split(preferred: Int, alternative: Int)
    /// Continue at the given instruction.
    case jump(Int)
    /// Store the current position in a register.
    case savePosition(register: Int)
    /// Fail if the current position equals the register (an iteration that matched nothing).
    case requireProgress(register: Int)
    /// Record where a capture group begins (its end, when matching backward) in a register.
    case openGroup(register: Int)
    /// Set capture group `index` from the register written by `openGroup` and the current position.
    case closeGroup(index: Int, register: Int, backward: Bool)
    /// Clear capture groups `first...last`, at the start of each iteration of a quantified atom.
    case resetCaptures(first: Int, last: Int)
    /// Set a loop counter to zero.
    case initCounter(register: Int)
    /// Decide whether to run one more iteration of a counted loop, or continue at `exit`.
    case loopHead(counter: Int, min: Int, max: Int, greedy: Bool, exit: Int)
    /// End an iteration: fail if an optional iteration matched nothing (`position` register, or `-1` when
    /// the body cannot match empty), count it, and go back to `head`.
    case loopTail(counter: Int, position: Int, min: Int, head: Int)
    /// Match the text of capture group `index` again (the empty string when the group is unset).
    case backreference(index: Int, backward: Bool)
    /// Begin a lookaround; `exit` is the instruction after the matching `lookEnd`.
    case lookStart(register: Int, negative: Bool, exit: Int)
    /// End a lookaround whose body matched.
    case lookEnd(register: Int, negative: Bool)
    /// The whole pattern matched.
    case match
}
