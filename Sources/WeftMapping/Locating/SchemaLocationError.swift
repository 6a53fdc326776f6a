/// Why a schema location cannot be read: says what went wrong and where.
public struct SchemaLocationError: Error, CustomStringConvertible {
    /// The location as given (`openapi.yaml#/components/schemas/Order`).
    public var location: String
    /// What is wrong.
    public var message: String

    public var description: String { "\(location): \(message)" }
}
