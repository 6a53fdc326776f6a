import Foundation
import Hummingbird
import WeftStore

/// Reads `Authorization: Bearer <credential>` and puts the caller in the context: a session token of a user
/// (valid, not revoked) or an API key (not revoked). A request without credentials goes on unauthenticated
/// (routes decide); a request with credentials that are not valid is refused with 401, never treated as
/// anonymous.
public struct AuthenticationMiddleware: RouterMiddleware {
    public typealias Context = WeftRequestContext
    let store: any WeftStore

    /// Creates the middleware.
    public init(store: any WeftStore) {
        self.store = store
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        guard header.lowercased().hasPrefix("bearer ") else {
            throw APIError(.unauthorized, "unauthenticated", "the Authorization header must be `Bearer <credential>`")
        }
        let credential = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
        let hash = Credentials.hash(credential)
        var context = context
        if credential.hasPrefix("wk_"), let key = try await store.apiKey(hash: hash), key.revokedAt == nil {
            context.identity = .apiKey(key)
        } else if credential.hasPrefix("ws_"), let session = try await store.accessToken(hash: hash),
            session.isValid(at: Date()), let user = try await store.user(id: session.userID)
        {
            context.identity = .user(user, session: session)
        } else {
            throw APIError(.unauthorized, "invalid_credentials", "the token or API key is not valid (or has expired)")
        }
        return try await next(request, context)
    }
}
