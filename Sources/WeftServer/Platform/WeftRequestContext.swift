import Hummingbird

/// The request context of the API: Hummingbird's core storage and the caller, once authenticated.
public struct WeftRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, set by ``AuthenticationMiddleware`` when the request carries valid credentials.
    public var identity: Identity?

    /// Creates the context of a request.
    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
