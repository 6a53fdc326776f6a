import WeftJSON

/// One operation of a document: a method on a path, with its parameters, request body and responses found (every
/// `$ref` to a parameter, request body or response followed) and located, so that their schemas can be asked of
/// ``OpenAPIDocument/schema(at:)``.
public struct OpenAPIOperation: Sendable {
    /// The method in capitals: `GET`, `POST`, …
    public let method: String
    /// The path template as written in the document: `/pets/{petId}`.
    public let path: String
    /// Where the operation object is: `/paths/~1pets~1{petId}/get`.
    public let pointer: String
    /// The operation object as written.
    public let object: JSON
    /// The parameters of the path item and of the operation (the operation's win on the same name and location),
    /// references followed; Swagger 2.0 `body` and `formData` parameters included.
    public let parameters: [OpenAPIParameter]
    /// The request body (OpenAPI 3), reference followed, or `nil`.
    public let requestBody: Located?
    /// The documented responses by status key as written (`200`, `4XX`, `default`), in document order,
    /// references followed.
    public let responses: [(status: String, response: Located)]

    /// A value of the document and where it is (a bare JSON pointer such as `/components/responses/NotFound`).
    public struct Located: Sendable {
        /// The value, after following references.
        public let value: JSON
        /// Where the value is, as a bare JSON pointer.
        public let pointer: String
    }

    /// `operationId`, or `METHOD path` when there is none.
    public var name: String {
        object["operationId"]?.stringValue ?? "\(method) \(path)"
    }

    init(
        method: String, path: String, pointer: String, object: JSON, parameters: [OpenAPIParameter],
        requestBody: Located?, responses: [(status: String, response: Located)]
    ) {
        self.method = method
        self.path = path
        self.pointer = pointer
        self.object = object
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
    }
}
