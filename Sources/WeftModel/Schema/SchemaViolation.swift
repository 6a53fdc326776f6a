/// One way a JSON value fails to conform to a JSON Schema, worded for the people who have to fix it.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// A JSON Pointer to the offending value: `""` for the root, `/items/2/quantity` for a nested member.
    public var path: String

    /// What is wrong, e.g. "expected a number, found a string" or "missing required property `email`".
    public var message: String

    /// Creates a violation.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// The message, preceded by the path unless the violation concerns the root value.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
