/// An error raised while compiling or evaluating a JSONata expression.
///
/// `code` is the error code documented by JSONata (`S0201`, `T2002`, `D3030`, ...), or one of Weft's own
/// limit codes: `U1001` (depth or time budget exceeded, as the official suite expects), `U1002` (output size
/// budget exceeded) and `U1003` (a regular expression exceeded its step budget).
public struct JSONataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The documented error code.
    public var code: String
    /// What went wrong, for a person.
    public var message: String
    /// The character offset in the expression where the problem was found, when known.
    public var position: Int?
    /// The token involved, when there is one.
    public var token: String?

    /// Creates an error.
    public init(code: String, message: String, position: Int? = nil, token: String? = nil) {
        self.code = code
        self.message = message
        self.position = position
        self.token = token
    }

    public var description: String {
        if let position { return "\(code) at position \(position): \(message)" }
        return "\(code): \(message)"
    }
}
