import Foundation
import WeftJSON
import WeftTestSupport

/// NetSuite's SuiteTalk REST Web Services, as far as the built-in `netsuite` app uses them: every request's
/// OAuth 1.0a signature recomputed and compared (``OAuth1Verifier``), record reads and writes under
/// `/services/rest/record/v1` (creations answer 204 with `Location`), SuiteQL under `/services/rest/query/v1`
/// (`Prefer: transient` required, `limit`/`offset` pages with `hasMore`), NetSuite's error shape
/// (`o:errorDetails`), and 429 (concurrency limit, with `Retry-After`) and 500 answers on the schedule of
/// ``FaultSchedule``.
final class NetSuiteSimulator: VendorSimulator {
    static let account = "1234567_SB1"
    static let verifier = OAuth1Verifier(
        realm: "1234567_SB1", consumerKey: "ck-4f1e", consumerSecret: "cs-secret/+=", token: "tk-9a0b",
        tokenSecret: "ts-secret&1")

    struct State: Sendable {
        var customers: [String: JSON] = NetSuiteSimulator.seedCustomers()
        var salesOrders: [String: JSON] = [:]
        var items: [String: JSON] = NetSuiteSimulator.seedItems()
        var nextId = 2001
        var dataRequests = 0
        var refusals: [String] = []
    }

    let state = Shared(State())
    let nonces = Shared<Set<String>>([])
    let faults: FaultSchedule

    init(faults: FaultSchedule = FaultSchedule(throttleEvery: 5, failEvery: 7)) {
        self.faults = faults
    }

    static func error(_ status: Int, _ title: String, _ code: String, _ detail: String) -> TestResponse {
        SimulatorSupport.json(
            [
                "type": "https://www.rfc-editor.org/rfc/rfc9110.html#section-15", "title": .string(title),
                "status": .number(Double(status)),
                "o:errorDetails": [["detail": .string(detail), "o:errorCode": .string(code)]],
            ], status: status, headers: [("Content-Type", "application/vnd.oracle.resource+json; type=error")])
    }

    func handle(_ request: RecordedRequest) -> TestResponse {
        if let problem = Self.verifier.problem(with: request, seenNonces: nonces) {
            state.update { $0.refusals.append(problem) }
            return Self.error(
                401, "Unauthorized", "INVALID_LOGIN",
                "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI.")
        }
        let number = state.update { state -> Int in
            state.dataRequests += 1
            return state.dataRequests
        }
        switch faults.fault(forRequest: number) {
        case .throttle?:
            var response = Self.error(
                429, "Too Many Requests", "CONCURRENCY_LIMIT_EXCEEDED",
                "Request blocked by the concurrency limit of the account.")
            response.headers.append(("Retry-After", "1"))
            return response
        case .serverError?:
            return Self.error(500, "Internal Server Error", "UNEXPECTED_ERROR", "An unexpected error occurred.")
        case nil:
            break
        }
        let segments = request.path.split(separator: "/").map(String.init)
        guard segments.count >= 4, segments[0] == "services", segments[1] == "rest" else {
            return Self.error(404, "Not Found", "NONEXISTENT_ID", "The record instance does not exist.")
        }
        let rest = Array(segments.dropFirst(2))
        let route = request.method + " " + rest.prefix(3).joined(separator: "/")
        switch (route, rest.count) {
        case ("POST query/v1/suiteql", 3): return suiteQL(request)
        case ("GET record/v1/customer", 4): return read(rest[3], \.customers)
        case ("GET record/v1/salesOrder", 4): return read(rest[3], \.salesOrders)
        case ("POST record/v1/customer", 3): return createCustomer(request)
        case ("PATCH record/v1/customer", 4): return updateCustomer(rest[3], request)
        case ("POST record/v1/salesOrder", 3): return createSalesOrder(request)
        default: return Self.error(404, "Not Found", "INVALID_URL", "The requested URL is not valid.")
        }
    }

    private func read(_ id: String, _ keyPath: KeyPath<State, [String: JSON]>) -> TestResponse {
        guard let record = state.value[keyPath: keyPath][id] else {
            return Self.error(404, "Record not found", "NONEXISTENT_ID", "The record instance does not exist.")
        }
        return SimulatorSupport.json(record)
    }

    private func created(_ request: RecordedRequest, type: String, id: String) -> TestResponse {
        TestResponse(
            status: 204,
            headers: [("Location", SimulatorSupport.origin(request) + "/services/rest/record/v1/\(type)/\(id)")])
    }

    private func createCustomer(_ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), body.objectValue != nil else {
            return Self.error(400, "Bad Request", "INVALID_CONTENT", "The request body is not valid JSON.")
        }
        let isPerson = body["isPerson"] == .bool(true)
        if isPerson ? body["lastName"]?.stringValue == nil : body["companyName"]?.stringValue == nil {
            return Self.error(
                400, "Bad Request", "USER_ERROR",
                "Please enter value(s) for: \(isPerson ? "Last Name" : "Company Name")")
        }
        return state.update { state -> TestResponse in
            if let external = body["externalId"]?.stringValue,
                state.customers.values.contains(where: { $0["externalId"]?.stringValue == external })
            {
                return Self.error(
                    400, "Bad Request", "USER_ERROR", "A record with the same external ID already exists.")
            }
            let id = String(state.nextId)
            state.nextId += 1
            var record = body.setting("id", .string(id)).setting("lastModifiedDate", "2026-01-10T09:00:00Z")
            record = record.setting("entityId", body["entityId"] ?? .string("CUST\(id)"))
            state.customers[id] = record
            return created(request, type: "customer", id: id)
        }
    }

    private func updateCustomer(_ id: String, _ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), let changes = body.objectValue else {
            return Self.error(400, "Bad Request", "INVALID_CONTENT", "The request body is not valid JSON.")
        }
        if changes["id"] != nil {
            return Self.error(400, "Bad Request", "INVALID_CONTENT", "The field id is read-only.")
        }
        return state.update { state -> TestResponse in
            guard let record = state.customers[id] else {
                return Self.error(404, "Record not found", "NONEXISTENT_ID", "The record instance does not exist.")
            }
            state.customers[id] = record.merging(body).setting("lastModifiedDate", "2026-01-10T09:30:00Z")
            return TestResponse(status: 204)
        }
    }

    private func createSalesOrder(_ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), body.objectValue != nil else {
            return Self.error(400, "Bad Request", "INVALID_CONTENT", "The request body is not valid JSON.")
        }
        return state.update { state -> TestResponse in
            guard let entity = body["entity"]?["id"]?.stringValue, let customer = state.customers[entity] else {
                return Self.error(
                    400, "Bad Request", "USER_ERROR", "Invalid entity reference key for a sales order.")
            }
            guard let lines = body["item"]?["items"]?.arrayValue, !lines.isEmpty else {
                return Self.error(400, "Bad Request", "USER_ERROR", "You must enter at least one line item.")
            }
            var expanded: [JSON] = []
            var total = 0.0
            for line in lines {
                let reference = line["item"]
                let item = state.items.values.first { item in
                    (reference?["id"]?.stringValue).map { $0 == item["id"]?.stringValue } ?? false
                        || (reference?["externalId"]?.stringValue).map { $0 == item["externalId"]?.stringValue }
                            ?? false
                }
                guard let item, let quantity = line["quantity"]?.numberValue, quantity > 0 else {
                    return Self.error(
                        400, "Bad Request", "USER_ERROR", "Invalid item reference key or quantity on a line.")
                }
                let rate = line["rate"]?.numberValue ?? item["basePrice"]?.numberValue ?? 0
                total += rate * quantity
                expanded.append([
                    "item": ["id": item["id"] ?? .null, "refName": item["itemId"] ?? .null],
                    "quantity": .number(quantity), "rate": .number(rate), "amount": .number(rate * quantity),
                ])
            }
            let id = String(state.nextId)
            state.nextId += 1
            var order = body.setting("id", .string(id)).setting("tranId", .string("SO\(id)"))
            order = order.setting("entity", ["id": .string(entity), "refName": customer["entityId"] ?? .null])
            order = order.setting("item", ["items": .array(expanded)]).setting("total", .number(total))
            order = order.setting("status", ["id": "B", "refName": "Pending Fulfillment"])
            state.salesOrders[id] = order
            return created(request, type: "salesOrder", id: id)
        }
    }
}
