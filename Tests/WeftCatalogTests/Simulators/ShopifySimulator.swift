import Foundation
import WeftJSON
import WeftTestSupport

/// Shopify's Admin REST API, as far as the built-in `shopify` app uses it: the `X-Shopify-Access-Token` header
/// checked exactly, `/admin/api/<version>/` paths, `{"order": ...}`-style envelopes, `Link` headers whose
/// `page_info` cursor refuses every other filter, `{"errors": ...}` bodies, the call-limit header, and the
/// leaky bucket's 429 with `Retry-After: 2.0` (plus 503s) on the schedule of ``FaultSchedule``.
final class ShopifySimulator: VendorSimulator {
    static let token = "shpat_0123456789abcdef"
    static let version = "2025-01"

    struct State: Sendable {
        var orders: [JSON] = ShopifySimulator.seedOrders()
        var customers: [JSON] = ShopifySimulator.seedCustomers()
        var products: [JSON] = ShopifySimulator.seedProducts()
        var dataRequests = 0
        var nextId = 9_000_001
        /// The times handed out as `updated_at` for changes, one minute apart.
        var clock = Date(timeIntervalSince1970: 1_767_600_000)
    }

    let state = Shared(State())
    let faults: FaultSchedule

    init(faults: FaultSchedule = FaultSchedule(throttleEvery: 4, failEvery: 7)) {
        self.faults = faults
    }

    func handle(_ request: RecordedRequest) -> TestResponse {
        let prefix = "/admin/api/\(Self.version)"
        guard request.path.hasPrefix(prefix + "/") else {
            return SimulatorSupport.json(["errors": "Not Found"], status: 404)
        }
        guard request.header("X-Shopify-Access-Token") == Self.token else {
            return SimulatorSupport.json(
                ["errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"],
                status: 401)
        }
        let number = state.update { state -> Int in
            state.dataRequests += 1
            return state.dataRequests
        }
        switch faults.fault(forRequest: number) {
        case .throttle?:
            return SimulatorSupport.json(
                [
                    "errors":
                        "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."
                ],
                status: 429, headers: [("Retry-After", "2.0"), ("X-Shopify-Shop-Api-Call-Limit", "40/40")])
        case .serverError?:
            return SimulatorSupport.json(["errors": "Service Unavailable"], status: 503)
        case nil:
            break
        }
        let path = String(request.path.dropFirst(prefix.count))
        let segments = path.split(separator: "/").map(String.init)
        var response: TestResponse
        let route = request.method + " " + segments.joined(separator: "/")
        let last = segments.last ?? ""
        if route == "GET orders.json" {
            response = list(request, collection: "orders")
        } else if route == "GET customers.json" || route == "GET customers/search.json" {
            response = list(request, collection: "customers")
        } else if route == "GET products.json" {
            response = list(request, collection: "products")
        } else if segments.count == 2, segments[0] == "orders", request.method == "GET" {
            response = get("order", id: last, in: \.orders)
        } else if segments.count == 2, segments[0] == "orders", request.method == "PUT" {
            response = update("order", id: last, request, in: \.orders)
        } else if route == "POST customers.json" {
            response = createCustomer(request)
        } else if segments.count == 2, segments[0] == "customers", request.method == "PUT" {
            response = update("customer", id: last, request, in: \.customers)
        } else {
            response = SimulatorSupport.json(["errors": "Not Found"], status: 404)
        }
        response.headers.append(("X-Shopify-Shop-Api-Call-Limit", "\(min(39, number % 40 + 1))/40"))
        return response
    }

    /// A list endpoint: the first page from the filters, later pages from `page_info` only.
    private func list(_ request: RecordedRequest, collection: String) -> TestResponse {
        let limit = Int(request.queryValue("limit") ?? "50") ?? 50
        guard (1...250).contains(limit) else {
            return SimulatorSupport.json(["errors": ["limit": ["must be between 1 and 250"]]], status: 400)
        }
        var filters: JSON
        var offset = 0
        if let pageInfo = request.queryValue("page_info") {
            let others = request.query.filter { $0.name != "page_info" && $0.name != "limit" && $0.name != "fields" }
            guard others.isEmpty else {
                return SimulatorSupport.json(
                    ["errors": ["page_info": ["page_info cannot be combined with other filters"]]], status: 400)
            }
            guard let position = SimulatorSupport.position(pageInfo), let start = position["offset"]?.numberValue,
                let saved = position["filters"]
            else {
                return SimulatorSupport.json(["errors": ["page_info": ["Invalid value."]]], status: 400)
            }
            filters = saved
            offset = Int(start)
        } else {
            var object = JSONObject()
            for (name, value) in request.query where name != "limit" { object[name] = .string(value) }
            filters = .object(object)
        }
        let all = state.value
        let items: [JSON]
        switch collection {
        case "orders": items = all.orders.filter { Self.matchesOrder($0, filters) }
        case "customers": items = all.customers.filter { Self.matchesCustomer($0, filters) }
        default: items = all.products.filter { Self.matchesUpdated($0, filters) }
        }
        let sorted = items.sorted { ($0["id"]?.numberValue ?? 0) > ($1["id"]?.numberValue ?? 0) }
        let page = Array(sorted.dropFirst(offset).prefix(limit))
        var links: [String] = []
        let base = SimulatorSupport.origin(request) + request.path
        if offset + limit < sorted.count {
            let next = SimulatorSupport.cursor(["offset": .number(Double(offset + limit)), "filters": filters])
            links.append("<\(base)?limit=\(limit)&page_info=\(next)>; rel=\"next\"")
        }
        if offset > 0 {
            let previous = SimulatorSupport.cursor([
                "offset": .number(Double(max(0, offset - limit))), "filters": filters,
            ])
            links.append("<\(base)?limit=\(limit)&page_info=\(previous)>; rel=\"previous\"")
        }
        return SimulatorSupport.json(
            [collection: .array(page)], headers: links.isEmpty ? [] : [("Link", links.joined(separator: ", "))])
    }

    private static func matchesUpdated(_ item: JSON, _ filters: JSON) -> Bool {
        if let since = filters["updated_at_min"]?.stringValue, let updated = item["updated_at"]?.stringValue {
            return Self.date(updated) >= Self.date(since)
        }
        return true
    }

    private static func matchesOrder(_ order: JSON, _ filters: JSON) -> Bool {
        guard matchesUpdated(order, filters) else { return false }
        let status = filters["status"]?.stringValue ?? "open"
        let closed = order["closed_at"].map { $0 != .null } ?? false
        let cancelled = order["cancelled_at"].map { $0 != .null } ?? false
        switch status {
        case "open": if closed || cancelled { return false }
        case "closed": if !closed { return false }
        case "cancelled": if !cancelled { return false }
        default: break
        }
        if let financial = filters["financial_status"]?.stringValue, financial != "any",
            order["financial_status"]?.stringValue != financial
        {
            return false
        }
        return true
    }

    private static func matchesCustomer(_ customer: JSON, _ filters: JSON) -> Bool {
        guard matchesUpdated(customer, filters) else { return false }
        guard let query = filters["query"]?.stringValue else { return true }
        let parts = query.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        switch parts[0] {
        case "email": return customer["email"]?.stringValue?.lowercased() == parts[1].lowercased()
        case "tag":
            let tags = (customer["tags"]?.stringValue ?? "").split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return tags.contains(parts[1])
        default: return false
        }
    }

    /// ISO 8601 with an offset, as Shopify writes times.
    static func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: text) ?? .distantPast
    }

    private func nextTime(_ state: inout State) -> String {
        state.clock += 60
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: -5 * 3600)
        return formatter.string(from: state.clock)
    }

    private func get(_ kind: String, id file: String, in keyPath: KeyPath<State, [JSON]>) -> TestResponse {
        guard file.hasSuffix(".json"), let id = Int(file.dropLast(5)),
            let item = state.value[keyPath: keyPath].first(where: { SimulatorSupport.integer($0["id"]) == id })
        else { return SimulatorSupport.json(["errors": "Not Found"], status: 404) }
        return SimulatorSupport.json([kind: item])
    }

    private func update(
        _ kind: String, id file: String, _ request: RecordedRequest, in keyPath: WritableKeyPath<State, [JSON]>
    )
        -> TestResponse
    {
        guard file.hasSuffix(".json"), let id = Int(file.dropLast(5)) else {
            return SimulatorSupport.json(["errors": "Not Found"], status: 404)
        }
        guard let body = SimulatorSupport.body(request), let changes = body[kind], changes.objectValue != nil else {
            return SimulatorSupport.json(["errors": [kind: "Required parameter missing or invalid"]], status: 400)
        }
        if let bodyId = changes["id"], SimulatorSupport.integer(bodyId) != id {
            return SimulatorSupport.json(["errors": ["id": ["does not match the URL"]]], status: 400)
        }
        return state.update { state -> TestResponse in
            guard let index = state[keyPath: keyPath].firstIndex(where: { SimulatorSupport.integer($0["id"]) == id })
            else { return SimulatorSupport.json(["errors": "Not Found"], status: 404) }
            let allowed: Set<String> =
                kind == "order"
                ? ["note", "tags", "email", "phone", "note_attributes"]
                : ["email", "phone", "first_name", "last_name", "tags", "note", "verified_email", "addresses"]
            var record = state[keyPath: keyPath][index]
            for (key, value) in changes.objectValue ?? [:] where key != "id" {
                guard allowed.contains(key) else {
                    return SimulatorSupport.json(["errors": [key: ["cannot be changed"]]], status: 422)
                }
                record = record.setting(key, value)
            }
            record = record.setting("updated_at", .string(nextTime(&state)))
            state[keyPath: keyPath][index] = record
            return SimulatorSupport.json([kind: record])
        }
    }

    private func createCustomer(_ request: RecordedRequest) -> TestResponse {
        guard let body = SimulatorSupport.body(request), let fields = body["customer"], fields.objectValue != nil else {
            return SimulatorSupport.json(["errors": ["customer": "Required parameter missing or invalid"]], status: 400)
        }
        let email = fields["email"]?.stringValue
        let phone = fields["phone"]?.stringValue
        guard email != nil || phone != nil else {
            return SimulatorSupport.json(["errors": ["contact": ["email or phone is required"]]], status: 422)
        }
        return state.update { state -> TestResponse in
            if let email,
                state.customers.contains(where: { $0["email"]?.stringValue?.lowercased() == email.lowercased() })
            {
                return SimulatorSupport.json(["errors": ["email": ["has already been taken"]]], status: 422)
            }
            let id = state.nextId
            state.nextId += 1
            let now = nextTime(&state)
            var customer: JSON = [
                "id": .number(Double(id)), "email": email.map(JSON.string) ?? .null,
                "phone": phone.map(JSON.string) ?? .null, "first_name": fields["first_name"] ?? .null,
                "last_name": fields["last_name"] ?? .null, "state": "disabled",
                "tags": fields["tags"] ?? "", "note": fields["note"] ?? .null, "orders_count": 0,
                "total_spent": "0.00", "created_at": .string(now), "updated_at": .string(now),
                "default_address": fields["addresses"]?[0] ?? .null,
            ]
            if fields["verified_email"] == .bool(true) { customer = customer.setting("verified_email", true) }
            state.customers.append(customer)
            return SimulatorSupport.json(["customer": customer], status: 201)
        }
    }
}
