/// Why a flow cannot be generated: says what is wrong and where (which app, which action, which side).
public struct FlowGenerationError: Error, CustomStringConvertible, Equatable {
    /// What is wrong, naming the app and action concerned.
    public var message: String

    /// An error with its message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
