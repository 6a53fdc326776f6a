import Hummingbird
import NIOCore

/// The request context of the API: Hummingbird's core storage, the client's address and the caller, once
/// authenticated.
public struct WeftRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The caller, set by ``AuthenticationMiddleware`` when the request carries valid credentials.
    public var identity: Identity?
    /// The client's address (for rate limits), when the connection has one.
    public let remoteAddress: SocketAddress?

    /// Creates the context of a request.
    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
