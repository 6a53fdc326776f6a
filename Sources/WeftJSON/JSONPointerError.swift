/// The text of a JSON pointer that does not follow RFC 6901.
public struct JSONPointerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the pointer.
    public let message: String
    /// The byte offset of the problem in the pointer's UTF-8 text, starting at 0.
    public let offset: Int

    /// Creates an error.
    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    /// The error as `offset N: message`.
    public var description: String { "offset \(offset): \(message)" }
}
