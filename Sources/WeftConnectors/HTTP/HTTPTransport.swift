import WeftRuntime

/// Sends HTTP requests. The real transport uses AsyncHTTPClient; tests may substitute their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status. Network problems are `.transport`
    /// failures and an exceeded `timeout` is a `.timeout` failure.
    func perform(_ request: HTTPRequest, timeout: Duration?) async throws(StepFailure) -> HTTPResponse
}
