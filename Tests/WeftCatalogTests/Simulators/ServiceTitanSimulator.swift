import Foundation
import WeftJSON
import WeftTestSupport

/// ServiceTitan's tenant APIs, as far as the built-in `servicetitan` app uses them: a client credentials token
/// endpoint at `/connect/token`, then every call checked for the bearer token it issued and the `ST-App-Key`
/// header; the tenant id in each path; `page`/`pageSize` pages answered with `hasMore`; RFC 7807-style errors;
/// 429 with `Retry-After` and 502 on the schedule of ``FaultSchedule``.
final class ServiceTitanSimulator: VendorSimulator {
    static let tenant = "1011756844"
    static let appKey = "ak1.st-app-key-0001"
    let issuer = ClientCredentialsIssuer(clientId: "cid.st-4412", clientSecret: "st-secret-value", scope: nil)

    struct State: Sendable {
        var jobs: [JSON] = ServiceTitanSimulator.seedJobs()
        var customers: [JSON] = ServiceTitanSimulator.seedCustomers()
        var invoices: [JSON] = ServiceTitanSimulator.seedInvoices()
        var nextId = 90_001
        var dataRequests = 0
    }

    let state = Shared(State())
    let faults: FaultSchedule

    init(faults: FaultSchedule = FaultSchedule(throttleEvery: 4, failEvery: 9)) {
        self.faults = faults
    }

    static func problem(_ status: Int, _ title: String, errors: JSON? = nil) -> TestResponse {
        var body: JSON = [
            "type": "https://tools.ietf.org/html/rfc7231", "title": .string(title), "status": .number(Double(status)),
            "traceId": "00-simulated-trace-00",
        ]
        if let errors { body = body.setting("errors", errors) }
        return SimulatorSupport.json(body, status: status)
    }

    func handle(_ request: RecordedRequest) -> TestResponse {
        if request.path == "/connect/token" { return issuer.token(request) }
        guard request.header("ST-App-Key") == Self.appKey else {
            return Self.problem(401, "The ST-App-Key header is missing or not valid.")
        }
        guard issuer.accepts(request) else { return Self.problem(401, "Unauthorized") }
        let number = state.update { state -> Int in
            state.dataRequests += 1
            return state.dataRequests
        }
        switch faults.fault(forRequest: number) {
        case .throttle?:
            var response = Self.problem(429, "Too many requests. Try again later.")
            response.headers.append(("Retry-After", "3"))
            return response
        case .serverError?:
            return TestResponse.text("Bad Gateway", status: 502)
        case nil:
            break
        }
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 5, segments[1] == "v2", segments[2] == "tenant" else {
            return Self.problem(404, "Not Found")
        }
        guard segments[3] == Self.tenant else { return Self.problem(403, "The app has no access to this tenant.") }
        let rest = Array(segments.dropFirst(4))
        let resource = segments[0] + "/" + rest[0]
        switch (request.method, resource, rest.count) {
        case ("GET", "jpm/jobs", 1): return list(request, \.jobs)
        case ("GET", "jpm/jobs", 2): return get(rest[1], \.jobs)
        case ("GET", "crm/customers", 1): return list(request, \.customers)
        case ("GET", "crm/customers", 2): return get(rest[1], \.customers)
        case ("POST", "crm/customers", 1): return createCustomer(request)
        case ("PATCH", "crm/customers", 2): return updateCustomer(rest[1], request)
        case ("GET", "accounting/invoices", 1): return list(request, \.invoices)
        default: return Self.problem(404, "Not Found")
        }
    }

    private func list(_ request: RecordedRequest, _ keyPath: KeyPath<State, [JSON]>) -> TestResponse {
        let page = Int(request.queryValue("page") ?? "1") ?? 0
        let pageSize = Int(request.queryValue("pageSize") ?? "50") ?? 0
        guard page >= 1, (1...500).contains(pageSize) else {
            return Self.problem(
                400, "One or more validation errors occurred.", errors: ["pageSize": ["must be between 1 and 500"]])
        }
        let matching = state.value[keyPath: keyPath].filter { Self.matches($0, request) }
            .sorted { ($0["id"]?.numberValue ?? 0) < ($1["id"]?.numberValue ?? 0) }
        let slice = Array(matching.dropFirst((page - 1) * pageSize).prefix(pageSize))
        return SimulatorSupport.json([
            "page": .number(Double(page)), "pageSize": .number(Double(pageSize)),
            "hasMore": .bool(page * pageSize < matching.count), "totalCount": .null, "data": .array(slice),
        ])
    }

    /// The filters ServiceTitan's list endpoints take, applied to one record.
    private static func matches(_ record: JSON, _ request: RecordedRequest) -> Bool {
        if let status = request.queryValue("jobStatus"), record["jobStatus"]?.stringValue != status { return false }
        if let since = request.queryValue("completedOnOrAfter") {
            guard let completed = record["completedOn"]?.stringValue, completed >= since else { return false }
        }
        if let since = request.queryValue("modifiedOnOrAfter"), (record["modifiedOn"]?.stringValue ?? "") < since {
            return false
        }
        if let name = request.queryValue("name"),
            record["name"]?.stringValue?.lowercased().contains(name.lowercased()) != true
        {
            return false
        }
        if let customer = request.queryValue("customerId").flatMap(Double.init),
            (record["customerId"]?.numberValue ?? record["customer"]?["id"]?.numberValue) != customer
        {
            return false
        }
        if let job = request.queryValue("jobId").flatMap(Double.init), record["job"]?["id"]?.numberValue != job {
            return false
        }
        return true
    }

    private func get(_ id: String, _ keyPath: KeyPath<State, [JSON]>) -> TestResponse {
        guard let number = Double(id),
            let record = state.value[keyPath: keyPath].first(where: { $0["id"]?.numberValue == number })
        else { return Self.problem(404, "Not Found") }
        return SimulatorSupport.json(record)
    }

    private func createCustomer(_ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request) else {
            return Self.problem(400, "One or more validation errors occurred.", errors: ["body": ["required"]])
        }
        var errors = JSONObject()
        if body["name"]?.stringValue?.isEmpty != false { errors["Name"] = ["The Name field is required."] }
        if body["locations"]?.arrayValue?.isEmpty != false {
            errors["Locations"] = ["At least one location is required."]
        }
        if body["address"]?["street"]?.stringValue == nil { errors["Address"] = ["The Address field is required."] }
        guard errors.isEmpty else {
            return Self.problem(400, "One or more validation errors occurred.", errors: .object(errors))
        }
        return state.update { state -> TestResponse in
            let id = state.nextId
            state.nextId += 1
            let customer: JSON = [
                "id": .number(Double(id)), "active": true, "name": body["name"] ?? .null,
                "type": body["type"] ?? "Residential", "address": body["address"] ?? .null, "balance": 0,
                "doNotMail": body["doNotMail"] ?? false, "doNotService": body["doNotService"] ?? false,
                "createdOn": "2026-01-10T10:00:00Z", "modifiedOn": "2026-01-10T10:00:00Z",
            ]
            state.customers.append(customer)
            return SimulatorSupport.json(customer)
        }
    }

    private func updateCustomer(_ id: String, _ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), body.objectValue != nil else {
            return Self.problem(400, "One or more validation errors occurred.")
        }
        return state.update { state -> TestResponse in
            guard let number = Double(id),
                let index = state.customers.firstIndex(where: { $0["id"]?.numberValue == number })
            else { return Self.problem(404, "Not Found") }
            let updated = state.customers[index].merging(body).setting("modifiedOn", "2026-01-10T11:00:00Z")
            state.customers[index] = updated
            return SimulatorSupport.json(updated)
        }
    }
}
