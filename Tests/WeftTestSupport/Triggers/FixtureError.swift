/// A fixture that did not parse as expected.
public struct FixtureError: Error, CustomStringConvertible {
    public var message: String

    /// Creates the error.
    public init(message: String) { self.message = message }

    public var description: String { message }
}
