import Hummingbird
import WeftJSON

/// An error the API answers with: an HTTP status, a stable machine-readable code and a message a person
/// understands, rendered as `{ "error": { "code": ..., "message": ... } }` (plus `details` when useful, such as
/// validation diagnostics). The message never contains internals: SQL, paths, addresses or secrets.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var details: JSON?

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: JSON? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
    }

    /// The body of the response.
    public var json: JSON {
        var error: JSONObject = ["code": .string(code), "message": .string(message)]
        if let details { error["details"] = details }
        return ["error": .object(error)]
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, json)
    }

    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", "\(what) was not found") }
    static let unauthenticated = APIError(
        .unauthorized, "unauthenticated", "sign in first: send `Authorization: Bearer <token or API key>`")
    static func forbidden(_ needed: String) -> APIError {
        APIError(.forbidden, "forbidden", "your role does not allow this; it needs \(needed)")
    }
}
