import Hummingbird
import Logging
import WeftStore

/// Turns every error a route throws into the API's one error shape. Known errors keep their status and code;
/// store errors map to 404, 409, 422 or 503; anything else is a 500 whose details go to the log only.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = WeftRequestContext

    /// Creates the middleware.
    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return JSONResponse.make(error.status, error.json)
        } catch let error as StoreError {
            let status: HTTPResponse.Status
            switch error.code {
            case .notFound: status = .notFound
            case .conflict: status = .conflict
            case .invalid: status = .unprocessableContent
            case .unavailable: status = .serviceUnavailable
            }
            return JSONResponse.make(status, APIError(status, error.code.rawValue, error.message).json)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            let message = error.status == .notFound ? "no such endpoint" : error.status.reasonPhrase
            return JSONResponse.make(error.status, APIError(error.status, code, message).json)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            return JSONResponse.make(
                .internalServerError,
                APIError(.internalServerError, "internal", "something went wrong on the server; it was logged").json)
        }
    }
}
