import Foundation
import Hummingbird

/// Answers 429 with `Retry-After` (whole seconds) when a client goes over its rate. Installed twice: by client
/// address before authentication (which also slows password guessing), and by API key after it.
public struct RateLimitMiddleware: RouterMiddleware {
    public typealias Context = WeftRequestContext

    /// What a request is counted against.
    public enum Scope: Sendable {
        case clientAddress
        case apiKey
    }

    let limiter: RequestRateLimiter
    let scope: Scope

    /// Creates the middleware.
    public init(limiter: RequestRateLimiter, scope: Scope) {
        self.limiter = limiter
        self.scope = scope
    }

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let key: String
        switch scope {
        case .clientAddress:
            key = "address:" + (context.remoteAddress?.ipAddress ?? "unknown")
        case .apiKey:
            guard case .apiKey(let apiKey)? = context.identity else { return try await next(request, context) }
            key = "key:" + apiKey.id.rawValue
        }
        if let wait = limiter.admit(key) {
            let (seconds, attoseconds) = wait.components
            let retryAfter = max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
            var response = JSONResponse.make(
                .tooManyRequests,
                APIError(
                    .tooManyRequests, "rate_limited",
                    "too many requests from this \(scope == .apiKey ? "API key" : "address"); retry in \(retryAfter) s"
                ).json)
            response.headers[.retryAfter] = String(retryAfter)
            return response
        }
        return try await next(request, context)
    }
}
