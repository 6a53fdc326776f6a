/// A test of one character, the operand of the instructions that consume a single character.
struct RegexCharMatcher: Sendable, Equatable {
    /// What kind of test this is.
    enum Kind: UInt8, Sendable {
        /// The character equals `value`.
        case character
        /// The character's canonical case (``RegexCaseFolding``) equals `value`.
        case foldedCharacter
        /// Any character.
        case any
        /// Any character but a line terminator (`.` without the `s` flag).
        case anyButLineTerminator
        /// The character is in the program's character class number `value`.
        case characterClass
    }

    /// What kind of test this is.
    var kind: Kind
    /// The scalar value or class number the test uses.
    var value: UInt32
}
