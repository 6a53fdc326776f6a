import Hummingbird
import Synchronization
import WeftStore

/// One operation of the API as it is documented: method, path (Hummingbird syntax, `:name` parameters), what it
/// does, the least role it needs, the JSON fields its body takes. Routes are registered through
/// ``EndpointRegistry`` with this description, so the OpenAPI document lists exactly what the server answers.
public struct Endpoint: Sendable {
    public var method: HTTPRequest.Method
    /// Relative to the server root, without the leading slash: `v1/orgs/:org/flows`.
    public var path: String
    public var summary: String
    /// The least role in the organization; `nil` for endpoints outside one (accounts, health).
    public var role: Role?
    /// Whether the caller must be authenticated.
    public var authenticated: Bool
    /// The fields of the JSON body, when it has one.
    public var bodyFields: [String]?
    /// The status of a successful answer.
    public var success: HTTPResponse.Status

    /// The path's parameters, in order.
    public var parameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix(":") }.map { String($0.dropFirst()) }
    }
}

/// Registers routes on a router group and keeps their descriptions.
public final class EndpointRegistry: Sendable {
    private let storage = Mutex<[Endpoint]>([])

    /// Creates an empty registry.
    public init() {}

    /// Every endpoint registered, in order.
    public var endpoints: [Endpoint] { storage.withLock { $0 } }

    /// Adds `handler` for `method path` to `group` (whose prefix is `prefix`) and records the endpoint.
    func add(
        _ group: RouterGroup<WeftRequestContext>, prefix: String, _ method: HTTPRequest.Method, _ path: String,
        summary: String, role: Role?, authenticated: Bool = true, body: [String]? = nil,
        success: HTTPResponse.Status = .ok,
        handler: @escaping @Sendable (Request, WeftRequestContext) async throws -> Response
    ) {
        group.on(RouterPath(path), method: method, use: handler)
        let endpoint = Endpoint(
            method: method, path: prefix + "/" + path, summary: summary, role: role, authenticated: authenticated,
            bodyFields: body, success: success)
        storage.withLock { $0.append(endpoint) }
    }
}

/// The API's routes under one prefix, registered with their documentation.
struct APIGroup {
    let group: RouterGroup<WeftRequestContext>
    let prefix: String
    let registry: EndpointRegistry

    func on(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, role: Role?, authenticated: Bool = true,
        body: [String]? = nil, success: HTTPResponse.Status = .ok,
        _ handler: @escaping @Sendable (Request, WeftRequestContext) async throws -> Response
    ) {
        registry.add(
            group, prefix: prefix, method, path, summary: summary, role: role, authenticated: authenticated,
            body: body, success: success, handler: handler)
    }
}
