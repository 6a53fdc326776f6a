import Foundation
import WeftJSON
import WeftTestSupport

/// The Dataverse Web API v9.2 of one environment, as far as the built-in `dynamics365-dataverse` app uses it: an
/// Entra ID token endpoint checking the client credentials form and the environment's exact scope, then every call
/// checked for a bearer token it issued and `OData-Version: 4.0`; accounts and contacts with `$select`, `$filter`,
/// `$orderby`; pages as large as `Prefer: odata.maxpagesize` asks (answered in `Preference-Applied`), continued
/// by `@odata.nextLink` with a paging-cookie `$skiptoken`; creations answered 204 with `OData-EntityId`, or 201
/// with the record under `Prefer: return=representation`; PATCH creating a missing record unless `If-Match: *`;
/// `@odata.bind` of a contact's parent account; unknown columns refused; `{"error": {"code", "message"}}` errors;
/// service protection 429 with `Retry-After` and 503 on the schedule of ``FaultSchedule``.
final class DataverseSimulator: VendorSimulator {
    static let tenant = "contoso.onmicrosoft.com"
    static let environmentURL = "https://contoso.crm.dynamics.com"
    static let clientId = "51f81489-12ee-4a9e-aaae-a2591f45987d"
    static let clientSecret = "dv~secret.Xy7-value"
    let issuer = ClientCredentialsIssuer(
        clientId: clientId, clientSecret: clientSecret, scope: environmentURL + "/.default")
    static let root = "/api/data/v9.2"

    struct State: Sendable {
        var accounts: [JSON] = DataverseSimulator.seedAccounts()
        var contacts: [JSON] = DataverseSimulator.seedContacts()
        var dataRequests = 0
        var nextId = 500
        var version = 1_200_000
        /// The simulated time of changes (2026-01-10T09:00:00Z), a minute on per change.
        var now: Double = 1_768_035_600_000
    }

    let state = Shared(State())
    let faults: FaultSchedule

    init(faults: FaultSchedule = FaultSchedule(throttleEvery: 5, failEvery: 7)) {
        self.faults = faults
    }

    static func error(_ status: Int, _ code: String, _ message: String, headers: [(name: String, value: String)] = [])
        -> TestResponse
    {
        SimulatorSupport.json(
            ["error": ["code": .string(code), "message": .string(message)]], status: status,
            headers: headers + [("OData-Version", "4.0")])
    }

    func handle(_ request: RecordedRequest) -> TestResponse {
        if request.path.hasSuffix("/oauth2/v2.0/token") {
            guard request.path == "/\(Self.tenant)/oauth2/v2.0/token" else {
                return SimulatorSupport.json(["error": "invalid_tenant"], status: 400)
            }
            return issuer.token(request)
        }
        guard issuer.accepts(request) else {
            return Self.error(
                401, "0x80072243", "The user is not authenticated.",
                headers: [("WWW-Authenticate", "Bearer authorization_uri=https://login.microsoftonline.com/")])
        }
        guard request.header("OData-Version") ?? "4.0" == "4.0", request.header("OData-MaxVersion") ?? "4.0" == "4.0"
        else {
            return Self.error(400, "0x80060888", "Only OData version 4.0 is supported.")
        }
        let number = state.update { state -> Int in
            state.dataRequests += 1
            return state.dataRequests
        }
        switch faults.fault(forRequest: number) {
        case .throttle?:
            return Self.error(
                429, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.",
                headers: [("Retry-After", "4")])
        case .serverError?:
            return Self.error(503, "0x80040216", "The service is temporarily unavailable.")
        case nil:
            break
        }
        guard request.path.hasPrefix(Self.root + "/") else {
            return Self.error(404, "0x80060888", "Resource not found for the segment '\(request.path)'.")
        }
        let (set, key) = SAPSimulator.split(String(request.path.dropFirst(Self.root.count + 1)))
        guard let table = Self.tables[set] else {
            return Self.error(404, "0x80060888", "Resource not found for the segment '\(set)'.")
        }
        switch (request.method, key) {
        case ("GET", nil): return list(table, request)
        case ("GET", let id?): return get(table, id, request)
        case ("POST", nil): return write(table, id: nil, request)
        case ("PATCH", let id?): return write(table, id: id, request)
        default: return Self.error(405, "0x80060888", "The method \(request.method) is not allowed here.")
        }
    }

    /// The entity sets and what the simulator knows of each.
    struct Table: Sendable {
        var set: String
        var type: String
        var key: String
        var columns: Set<String>
        var keyPath: WritableKeyPath<State, [JSON]> & Sendable
    }

    static let tables: [String: Table] = [
        "accounts": Table(
            set: "accounts", type: "account", key: "accountid",
            columns: [
                "name", "accountnumber", "telephone1", "emailaddress1", "websiteurl", "address1_line1", "address1_city",
                "address1_stateorprovince", "address1_postalcode", "address1_country", "description", "revenue",
                "numberofemployees",
            ], keyPath: \.accounts),
        "contacts": Table(
            set: "contacts", type: "contact", key: "contactid",
            columns: [
                "firstname", "lastname", "emailaddress1", "telephone1", "jobtitle",
                "parentcustomerid_account@odata.bind",
            ], keyPath: \.contacts),
    ]

    /// A new record id.
    static func guid(_ n: Int) -> String {
        String(format: "%08x-c0de-4e11-9a7b-%012x", 0xA000_0000 + n, n * 104_729)
    }

    static func iso(_ millis: Double) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: millis / 1000))
    }
}
