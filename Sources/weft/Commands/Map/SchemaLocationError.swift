/// Why a schema named on the command line cannot be read: says what went wrong and where.
struct SchemaLocationError: Error, CustomStringConvertible {
    /// The location as given (`openapi.yaml#/components/schemas/Order`).
    var location: String
    /// What is wrong.
    var message: String

    var description: String { "\(location): \(message)" }
}
