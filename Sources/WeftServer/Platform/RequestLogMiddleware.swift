import Hummingbird
import Logging
import WeftModel

/// Logs each request at debug level when it is answered: method, path (the query left out, since it may carry
/// tokens), status and duration. Bodies and headers are never logged, so neither are credentials.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        context.logger.debug(
            "answered",
            metadata: [
                "method": .string(request.method.rawValue), "path": .string(request.uri.path),
                "status": .stringConvertible(response.status.code),
                "duration_ms": .stringConvertible((DurationText.seconds(elapsed) * 100_000).rounded() / 100),
            ])
        return response
    }
}
