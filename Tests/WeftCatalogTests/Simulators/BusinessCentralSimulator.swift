import Foundation
import WeftJSON
import WeftTestSupport

/// Business Central's API v2.0, as far as the built-in `dynamics365-business-central` app uses it: an Entra ID
/// token endpoint at `/<tenant>/oauth2/v2.0/token` that checks the client credentials form and the exact scope,
/// then every call checked for a bearer token it issued; paths of one tenant, environment and company; customers,
/// items, sales orders and sales invoices (with lines, inline by `$expand` or deep insert); `$filter`, `$orderby`,
/// `$top`; pages of ``pageSize`` continued by `@odata.nextLink` with an opaque `$skiptoken`; `@odata.etag` on
/// every record and `If-Match` required on PATCH (412 when stale); unknown properties refused;
/// `{"error": {"code", "message"}}` errors; 429 with `Retry-After` and 503 on the schedule of ``FaultSchedule``.
final class BusinessCentralSimulator: VendorSimulator {
    static let tenant = "7e5a1c2d-3b4f-4a6e-9c8d-0f1e2d3c4b5a"
    static let environment = "production"
    static let companyId = "f3a9c1e0-5b7d-4e2a-8c6f-1d2e3f4a5b6c"
    static let clientId = "0b8e6a4c-2d1f-4e3a-9b5c-7d6e5f4a3b21"
    static let clientSecret = "bc~Q8s.client-secret-value"
    static let scope = "https://api.businesscentral.dynamics.com/.default"
    let issuer = ClientCredentialsIssuer(clientId: clientId, clientSecret: clientSecret, scope: scope)

    struct State: Sendable {
        /// Records by entity set: customers, items, salesOrders, salesOrderLines, salesInvoices, salesInvoiceLines.
        var sets: [String: [JSON]] = BusinessCentralSimulator.seed()
        var dataRequests = 0
        /// Changes refused because their `If-Match` was stale.
        var staleChanges = 0
        var nextId = 1_000
        var numbers: [String: Int] = ["customers": 10_010, "salesOrders": 101_010, "salesInvoices": 102_010]
        /// The simulated time of changes (2026-01-10T12:00:00Z), a minute on per change.
        var now: Double = 1_768_046_400_000
    }

    let state = Shared(State())
    let faults: FaultSchedule
    let pageSize: Int

    init(faults: FaultSchedule = FaultSchedule(throttleEvery: 5, failEvery: 7), pageSize: Int = 2) {
        self.faults = faults
        self.pageSize = pageSize
    }

    static var companyPath: String {
        "/v2.0/\(tenant)/\(environment)/api/v2.0/companies(\(companyId))"
    }

    static func error(_ status: Int, _ code: String, _ message: String, headers: [(name: String, value: String)] = [])
        -> TestResponse
    {
        SimulatorSupport.json(
            ["error": ["code": .string(code), "message": .string(message + "  CorrelationId:  4f9c2a10-sim")]],
            status: status, headers: headers)
    }

    func handle(_ request: RecordedRequest) -> TestResponse {
        if request.path.hasSuffix("/oauth2/v2.0/token") {
            guard request.path == "/\(Self.tenant)/oauth2/v2.0/token" else {
                return SimulatorSupport.json(
                    ["error": "invalid_tenant", "error_description": "The tenant in the token URL is not known."],
                    status: 400)
            }
            return issuer.token(request)
        }
        guard issuer.accepts(request) else {
            return Self.error(
                401, "Authentication_InvalidCredentials", "The server has rejected the client credentials.",
                headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])
        }
        guard request.path.hasPrefix(Self.companyPath + "/") else {
            if request.path.hasPrefix("/v2.0/\(Self.tenant)/\(Self.environment)/api/v2.0/companies(") {
                return Self.error(404, "Internal_CompanyNotFound", "The company cannot be found.")
            }
            return Self.error(404, "BadRequest_NotFound", "No environment or API matches the address.")
        }
        let number = state.update { state -> Int in
            state.dataRequests += 1
            return state.dataRequests
        }
        switch faults.fault(forRequest: number) {
        case .throttle?:
            return Self.error(
                429, "Application_TooManyRequests", "Too many requests reached. Please try again later.",
                headers: [("Retry-After", "5")])
        case .serverError?:
            return Self.error(503, "ServiceUnavailable", "The service is temporarily unavailable.")
        case nil:
            break
        }
        let segments = request.path.dropFirst(Self.companyPath.count + 1).split(separator: "/").map {
            SAPSimulator.split(String($0))
        }
        switch (request.method, segments.count, segments.first?.1, segments.count > 1 ? segments[1].0 : nil) {
        case ("GET", 1, nil, _): return list(segments[0].0, request, parent: nil)
        case ("GET", 1, let id?, _): return get(segments[0].0, id, request)
        case ("POST", 1, nil, _): return create(segments[0].0, request, parent: nil)
        case ("PATCH", 1, let id?, _): return update(segments[0].0, id, request)
        case ("GET", 2, let id?, let lines?): return list(lines, request, parent: id)
        case ("POST", 2, let id?, let lines?): return create(lines, request, parent: id)
        default:
            return Self.error(400, "BadRequest_MethodNotAllowed", "'\(request.method)' is not allowed here.")
        }
    }

    /// `W/"…"`: a record's etag, from its id and version.
    static func etag(_ id: String, version: Int) -> String {
        "W/\"" + Data("'\(version);\(id)'".utf8).base64EncodedString() + "\""
    }

    /// A GUID for the `n`-th record created.
    static func guid(_ n: Int) -> String {
        String(format: "5d%06x-44e3-ea11-bb43-%012x", n, n * 7919)
    }

    /// ISO 8601 text, in UTC with milliseconds, of a time in milliseconds.
    static func iso(_ millis: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: millis / 1000))
    }

    /// The simulated time of a change, moved on a minute.
    func tick(_ state: inout State) -> Double {
        state.now += 60_000
        return state.now
    }
}
