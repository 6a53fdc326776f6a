import WeftJSON

/// One parameter of an operation (references followed), and where it is in the document.
public struct OpenAPIParameter: Sendable {
    /// The parameter's name.
    public let name: String
    /// Where it travels: `path`, `query`, `header`, `cookie`, or (Swagger 2.0) `body` and `formData`.
    public let location: String
    /// Whether it must be sent (always for path parameters).
    public let isRequired: Bool
    /// The parameter object.
    public let object: JSON
    /// Where the parameter object is, as a bare JSON pointer; ``OpenAPIDocument/schema(at:)`` answers its schema.
    public let pointer: String
}
