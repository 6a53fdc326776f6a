import Hummingbird
import Logging
import WeftModel

/// Logs each request at debug level when it is answered: method, path (the query left out, since it may carry
/// tokens), status and duration. Bodies and headers are never logged, so neither are credentials. Counts it in
/// `weft_http_requests_total{method,status}`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        // Any client can invent a method: only the standard ones get their own series.
        let method: String
        switch request.method {
        case .get, .head, .post, .put, .patch, .delete, .options: method = request.method.rawValue
        default: method = "other"
        }
        metrics.increment(Metrics.Weft.httpRequestsTotal, ["method": method, "status": String(response.status.code)])
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
