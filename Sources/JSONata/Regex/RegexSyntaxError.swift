/// A regular expression that cannot be compiled: bad syntax, or an unknown flag.
struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, for a person.
    var message: String
    /// Where the problem is: an offset in Unicode scalars from the start of the pattern. For a flag error it
    /// is the offset of the offending flag within the flags string.
    var offset: Int

    /// Creates an error.
    init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    var description: String { "invalid regular expression at offset \(offset): \(message)" }
}
