import Hummingbird
import Logging
import WeftConnectors
import WeftRuntime
import WeftStore

/// The Weft server's router: the API under `/v1`, `GET /healthz` and `GET /openapi.json`, one error shape, and
/// authentication of every API request; with the description of every endpoint it answers.
///
/// - Parameter outbound: sends the requests tenants configure (action tests, runs), behind the egress guard.
/// - Parameter execution: creates and runs the runs; its services must run beside the router for runs to finish
///   (one that runs nothing is made when none is given, for describing the endpoints).
public func buildRouter(
    configuration: ServerConfiguration, store: any WeftStore, masterKey: MasterKey, outbound: any HTTPTransport,
    execution: RunExecution? = nil
) -> (router: Router<WeftRequestContext>, endpoints: EndpointRegistry) {
    let execution =
        execution
        ?? RunExecution(
            store: store, sealer: SecretSealer(keyring: TenantKeyring(store: store, masterKey: masterKey)),
            outbound: outbound)
    // One sealer (and so one cache of unwrapped data keys) for the routes and the runs.
    let sealer = execution.sealer
    let registry = EndpointRegistry()
    let router = Router(context: WeftRequestContext.self)
    router.add(middleware: RequestLogMiddleware(metrics: execution.metrics))
    router.add(middleware: ErrorMiddleware())
    let root = APIGroup(group: router.group(), prefix: "", registry: registry)
    root.on(.get, "healthz", "Whether the server is up", role: nil, authenticated: false) { _, _ in
        JSONResponse.make(.ok, ["status": "ok"])
    }
    root.on(
        .get, "readyz", "Whether the server can take and run work (store reachable, worker claiming)", role: nil,
        authenticated: false
    ) { _, _ in
        await execution.ready()
            ? JSONResponse.make(.ok, ["status": "ready"])
            : JSONResponse.make(.serviceUnavailable, ["status": "not_ready"])
    }
    root.on(.get, "metrics", "Prometheus metrics (text format 0.0.4)", role: nil, authenticated: false) { _, _ in
        var response = Response(
            status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: await execution.metrics.renderAll())))
        response.headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return response
    }
    let webhooks = WebhookRoutes(store: store, configuration: configuration, sealer: sealer, execution: execution)
    webhooks.add(to: root)
    root.on(.get, "openapi.json", "This API's OpenAPI 3.1 document", role: nil, authenticated: false) { _, _ in
        JSONResponse.make(.ok, OpenAPIDocument.make(registry.endpoints))
    }
    let byAddress = RequestRateLimiter(
        perMinute: configuration.addressRequestsPerMinute, burst: configuration.addressBurst)
    let byKey = RequestRateLimiter(perMinute: configuration.apiKeyRequestsPerMinute, burst: configuration.apiKeyBurst)
    let group = router.group("v1").add(middleware: RateLimitMiddleware(limiter: byAddress, scope: .clientAddress))
        .add(middleware: AuthenticationMiddleware(store: store))
        .add(middleware: RateLimitMiddleware(limiter: byKey, scope: .apiKey))
    let api = APIGroup(group: group, prefix: "/v1", registry: registry)
    AccountRoutes(store: store, configuration: configuration).add(to: api)
    OrganizationRoutes(store: store, configuration: configuration).add(to: api)
    InvitationRoutes(store: store, configuration: configuration).add(to: api)
    FlowRoutes(store: store, configuration: configuration).add(to: api)
    AppRoutes(store: store, configuration: configuration).add(to: api)
    AppActionRoutes(store: store, configuration: configuration, sealer: sealer, outbound: outbound).add(to: api)
    ConnectionRoutes(store: store, configuration: configuration, sealer: sealer, outbound: outbound).add(to: api)
    OAuthRoutes(store: store, configuration: configuration, sealer: sealer, outbound: outbound).add(to: api)
    RunRoutes(store: store, configuration: configuration, execution: execution).add(to: api)
    DeadLetterRoutes(store: store, configuration: configuration, execution: execution).add(to: api)
    webhooks.addAddressRoutes(to: api)
    return (router, registry)
}

/// The Weft server as one Hummingbird application (``buildRouter(configuration:store:masterKey:)``). Tests build it
/// exactly as `weft serve` does.
///
/// - Parameters:
///   - masterKey: protects stored secrets (connections).
///   - onListening: called with the port once the server listens (the one picked when the configured port is 0).
public func buildApplication(
    configuration: ServerConfiguration, store: any WeftStore, masterKey: MasterKey,
    runSettings: RunExecution.Settings = RunExecution.Settings(), logger: Logger = Logger(label: "weft"),
    onListening: @escaping @Sendable (Int) -> Void = { _ in }
) -> some ApplicationProtocol {
    let outbound = OutboundHTTP(allowedHosts: configuration.egressAllowList)
    let sealer = SecretSealer(keyring: TenantKeyring(store: store, masterKey: masterKey))
    let execution = RunExecution(
        store: store, sealer: sealer, outbound: outbound, settings: runSettings, logger: logger)
    let router = buildRouter(
        configuration: configuration, store: store, masterKey: masterKey, outbound: outbound, execution: execution
    ).router
    var application = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "weft"),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) }, logger: logger)
    application.addServices(outbound)
    application.addServices(execution.services)
    return application
}
