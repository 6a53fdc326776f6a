import Foundation
import WeftJSON
import WeftTestSupport

/// SAP S/4HANA's OData v2 services `API_BUSINESS_PARTNER` and `API_SALES_ORDER_SRV` under
/// `/sap/opu/odata/sap`, as far as the built-in `sap-s4hana` app uses them: Basic credentials of a communication
/// user checked exactly (and the `sap-client` header when sent); CSRF tokens fetched with a GET carrying
/// `X-CSRF-Token: Fetch`, bound to the session cookie handed out with them, required on every write (403 with
/// `x-csrf-token: Required` when missing, wrong or expired); `{"d": ...}` envelopes with `__metadata` and
/// `__deferred` navigation properties; `$filter`, `$orderby`, `$top`, `$skip`, `$select`, `$expand`, and
/// server-side pages of ``pageSize`` continued by `__next` links with a `$skiptoken`; dates as `/Date(ms)/`;
/// errors as `{"error": {"code", "message": {"lang", "value"}}}`; 429 with `Retry-After` and 503 on the schedule
/// of ``FaultSchedule``.
final class SAPSimulator: VendorSimulator {
    static let username = "WEFT_COMM_USER"
    static let password = "Kx9!comm-user-pass"
    static let client = "100"
    static let root = "/sap/opu/odata/sap"
    static let sessionCookie = "SAP_SESSIONID_S4H_100"

    struct State: Sendable {
        var partners: [JSON] = SAPSimulator.seedPartners()
        var addresses: [String: [JSON]] = SAPSimulator.seedAddresses()
        var salesOrders: [JSON] = SAPSimulator.seedSalesOrders()
        var items: [String: [JSON]] = SAPSimulator.seedItems()
        /// CSRF tokens by session id.
        var sessions: [String: String] = [:]
        var issuedSessions = 0
        var dataRequests = 0
        /// Writes refused for a missing or stale CSRF token.
        var refusedWrites = 0
        var nextPartner = 1_000_101
        var nextOrder = 5_000_101
        /// The simulated time of changes, milliseconds since 1970 (2026-01-10T10:00:00Z), a minute on per change.
        var now: Double = 1_768_039_200_000
    }

    let state = Shared(State())
    let faults: FaultSchedule
    /// The most records in one response; more continue in `__next`.
    let pageSize: Int

    init(faults: FaultSchedule = FaultSchedule(throttleEvery: 5, failEvery: 7), pageSize: Int = 3) {
        self.faults = faults
        self.pageSize = pageSize
    }

    /// An SAP Gateway error body.
    static func error(_ status: Int, code: String, _ message: String, headers: [(name: String, value: String)] = [])
        -> TestResponse
    {
        SimulatorSupport.json(
            ["error": ["code": .string(code), "message": ["lang": "en", "value": .string(message)]]], status: status,
            headers: headers)
    }

    /// Ends every session: the CSRF tokens handed out so far are no longer accepted.
    func expireSessions() {
        state.update { $0.sessions.removeAll() }
    }

    func handle(_ request: RecordedRequest) -> TestResponse {
        guard request.path.hasPrefix(Self.root + "/") else {
            return TestResponse.text("Service cannot be reached", status: 404)
        }
        let credentials = Data("\(Self.username):\(Self.password)".utf8).base64EncodedString()
        guard request.header("Authorization") == "Basic \(credentials)" else {
            return TestResponse(
                status: 401,
                headers: [
                    ("Content-Type", "text/html"),
                    ("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server [S4H/\(Self.client)]\""),
                ],
                body: Array("<html><body>Logon failed</body></html>".utf8))
        }
        if let client = request.header("sap-client"), client != Self.client {
            return Self.error(401, code: "/IWFND/CM_CONSUMER/101", "The client \(client) does not exist")
        }
        let isWrite = !["GET", "HEAD"].contains(request.method)
        if request.header("X-CSRF-Token")?.lowercased() == "fetch" {
            guard !isWrite else { return Self.error(400, code: "/IWFND/CM_BEC/026", "A token is fetched with GET") }
            return fetchToken(request)
        }
        if isWrite, let refusal = checkToken(request) { return refusal }
        let number = state.update { state -> Int in
            state.dataRequests += 1
            return state.dataRequests
        }
        switch faults.fault(forRequest: number) {
        case .throttle?:
            return Self.error(
                429, code: "/IWFND/CM_BEC/429", "Rate limit reached; retry later", headers: [("Retry-After", "2")])
        case .serverError?:
            return TestResponse(
                status: 503, headers: [("Content-Type", "text/html")],
                body: Array("<html><body>Service Unavailable</body></html>".utf8))
        case nil:
            break
        }
        guard request.header("Accept")?.contains("application/json") == true || request.queryValue("$format") == "json"
        else {
            return TestResponse(
                status: 200, headers: [("Content-Type", "application/atom+xml")], body: Array("<feed/>".utf8))
        }
        return route(request)
    }

    /// Answers a token fetch: the GET itself plus a new session's token and cookies.
    private func fetchToken(_ request: RecordedRequest) -> TestResponse {
        let (session, token) = state.update { state -> (String, String) in
            state.issuedSessions += 1
            let session = "s4h-session-\(state.issuedSessions)"
            let token = "csrf-\(state.issuedSessions)-Qm9vbGVhbg=="
            state.sessions[session] = token
            return (session, token)
        }
        var response = route(request)
        response.headers += [
            ("x-csrf-token", token), ("Set-Cookie", "\(Self.sessionCookie)=\(session); path=/; secure; HttpOnly"),
            ("Set-Cookie", "sap-usercontext=sap-client=\(Self.client); path=/"),
        ]
        return response
    }

    /// Nil when the write carries the token of the session its cookie names; otherwise SAP's 403.
    private func checkToken(_ request: RecordedRequest) -> TestResponse? {
        let cookies = (request.header("Cookie") ?? "").split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let session = cookies.first { $0.hasPrefix(Self.sessionCookie + "=") }.map {
            String($0.dropFirst(Self.sessionCookie.count + 1))
        }
        let valid = state.update { state -> Bool in
            guard let session, let token = request.header("X-CSRF-Token"), state.sessions[session] == token else {
                state.refusedWrites += 1
                return false
            }
            return true
        }
        guard !valid else { return nil }
        return TestResponse(
            status: 403, headers: [("Content-Type", "text/plain"), ("x-csrf-token", "Required")],
            body: Array("CSRF token validation failed".utf8))
    }

    private func route(_ request: RecordedRequest) -> TestResponse {
        let rest = request.path.dropFirst(Self.root.count + 1).split(separator: "/").map(String.init)
        guard let service = rest.first else { return Self.error(404, code: "/IWFND/MED/170", "No service found") }
        let segment = rest.count > 1 ? rest[1] : ""
        let (entitySet, key) = Self.split(segment)
        switch (service, entitySet, key, request.method) {
        case ("API_BUSINESS_PARTNER", "", nil, "GET"):
            return serviceDocument(["A_BusinessPartner", "A_BusinessPartnerAddress", "A_Customer"])
        case ("API_SALES_ORDER_SRV", "", nil, "GET"):
            return serviceDocument(["A_SalesOrder", "A_SalesOrderItem"])
        case ("API_BUSINESS_PARTNER", "A_BusinessPartner", nil, "GET"): return listPartners(request)
        case ("API_BUSINESS_PARTNER", "A_BusinessPartner", let id?, "GET"): return getPartner(id, request)
        case ("API_BUSINESS_PARTNER", "A_BusinessPartner", nil, "POST"): return createPartner(request)
        case ("API_BUSINESS_PARTNER", "A_BusinessPartner", let id?, "PATCH"),
            ("API_BUSINESS_PARTNER", "A_BusinessPartner", let id?, "MERGE"):
            return updatePartner(id, request)
        case ("API_SALES_ORDER_SRV", "A_SalesOrder", nil, "GET"): return listOrders(request)
        case ("API_SALES_ORDER_SRV", "A_SalesOrder", let id?, "GET"): return getOrder(id, request)
        case ("API_SALES_ORDER_SRV", "A_SalesOrder", nil, "POST"): return createOrder(request)
        default:
            return Self.error(
                404, code: "/IWFND/CM_MGW_RT/020", "Resource not found for the segment '\(segment)' of \(service)")
        }
    }

    /// `A_BusinessPartner('17')` → (`A_BusinessPartner`, `17`); `A_SalesOrder` → (`A_SalesOrder`, nil).
    static func split(_ segment: String) -> (String, String?) {
        let decoded = segment.removingPercentEncoding ?? segment
        guard let open = decoded.firstIndex(of: "("), decoded.hasSuffix(")") else { return (decoded, nil) }
        var key = String(decoded[decoded.index(after: open)..<decoded.index(before: decoded.endIndex)])
        if key.hasPrefix("'"), key.hasSuffix("'"), key.count >= 2 {
            key = String(key.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        return (String(decoded[..<open]), key)
    }

    private func serviceDocument(_ sets: [String]) -> TestResponse {
        SimulatorSupport.json(["d": ["EntitySets": .array(sets.map(JSON.string))]])
    }

    /// A collection answer: `d.results`, `__count` when asked, and `__next` when the result goes on.
    func collection(_ request: RecordedRequest, _ records: [JSON], key: String, decorate: (JSON) -> JSON)
        -> TestResponse
    {
        let query: ODataQuery
        do {
            query = try ODataQuery(request)
        } catch {
            return Self.error(400, code: "/IWBEP/CM_MGW_RT/022", "Invalid system query options: \(error)")
        }
        let page = query.page(of: records, key: key, pageSize: pageSize)
        var body: JSONObject = ["results": .array(page.records.map(decorate).map(query.project))]
        if request.queryValue("$inlinecount") == "allpages" { body["__count"] = .string(String(page.total)) }
        if let next = page.next { body["__next"] = .string(ODataQuery.nextLink(request, token: String(next))) }
        return SimulatorSupport.json(["d": .object(body)])
    }

    /// `/Date(ms)/` for a time in milliseconds; with `+0000` for an `Edm.DateTimeOffset`.
    static func date(_ millis: Double, offset: Bool = false) -> JSON {
        .string("/Date(\(Int64(millis))\(offset ? "+0000" : ""))/")
    }

    /// The simulated time of a change, moved on a minute.
    func tick(_ state: inout State) -> Double {
        state.now += 60_000
        return state.now
    }
}
