import Hummingbird
import Logging
import WeftStore

/// The Weft server as one Hummingbird application: the API under `/v1`, `GET /healthz`, one error shape, and
/// authentication of every request. Tests build it exactly as `weft serve` does.
///
/// - Parameters:
///   - masterKey: protects stored secrets (connections).
///   - onListening: called with the port once the server listens (the one picked when the configured
///   port is 0).
public func buildApplication(
    configuration: ServerConfiguration, store: any WeftStore, masterKey: MasterKey,
    logger: Logger = Logger(label: "weft"),
    onListening: @escaping @Sendable (Int) -> Void = { _ in }
) -> some ApplicationProtocol {
    let router = Router(context: WeftRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.get("healthz") { _, _ in JSONResponse.make(.ok, ["status": "ok"]) }
    let api = router.group("v1").add(middleware: AuthenticationMiddleware(store: store))
    AccountRoutes(store: store, configuration: configuration).add(to: api)
    OrganizationRoutes(store: store, configuration: configuration).add(to: api)
    FlowRoutes(store: store, configuration: configuration).add(to: api)
    AppRoutes(store: store, configuration: configuration).add(to: api)
    let sealer = SecretSealer(keyring: TenantKeyring(store: store, masterKey: masterKey))
    ConnectionRoutes(store: store, configuration: configuration, sealer: sealer).add(to: api)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "weft"),
        onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) }, logger: logger)
}
