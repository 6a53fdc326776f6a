import Hummingbird
import Logging
import WeftStore

/// The Weft server as one Hummingbird application: the API under `/v1`, `GET /healthz`, one error shape, and
/// authentication of every request. Tests build it exactly as `weft serve` does.
public func buildApplication(
    configuration: ServerConfiguration, store: any WeftStore, logger: Logger = Logger(label: "weft")
) -> some ApplicationProtocol {
    let router = Router(context: WeftRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.get("healthz") { _, _ in JSONResponse.make(.ok, ["status": "ok"]) }
    let api = router.group("v1").add(middleware: AuthenticationMiddleware(store: store))
    AccountRoutes(store: store, configuration: configuration).add(to: api)
    OrganizationRoutes(store: store, configuration: configuration).add(to: api)
    FlowRoutes(store: store, configuration: configuration).add(to: api)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "weft"),
        logger: logger)
}
