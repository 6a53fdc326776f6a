import Foundation
import WeftJSON
import WeftTestSupport

extension BusinessCentralSimulator {
    /// The properties a client may send, by entity set.
    static let writable: [String: Set<String>] = [
        "customers": [
            "number", "displayName", "type", "addressLine1", "addressLine2", "city", "state", "country", "postalCode",
            "phoneNumber", "email", "website", "taxLiable", "currencyCode", "blocked", "creditLimit",
        ],
        "salesOrders": [
            "customerNumber", "customerId", "externalDocumentNumber", "orderDate", "postingDate", "currencyCode",
            "salesOrderLines",
        ],
        "salesInvoices": [
            "customerNumber", "customerId", "externalDocumentNumber", "invoiceDate", "dueDate", "postingDate",
            "currencyCode", "salesInvoiceLines",
        ],
        "lines": [
            "lineType", "lineObjectNumber", "itemId", "description", "quantity", "unitPrice", "discountPercent",
        ],
    ]

    /// The entity set of a document's lines.
    static func linesSet(of document: String) -> String? {
        ["salesOrders": "salesOrderLines", "salesInvoices": "salesInvoiceLines"][document]
    }

    private func context(_ request: RecordedRequest, _ set: String) -> JSON {
        .string(
            SimulatorSupport.origin(request)
                + "/v2.0/\(Self.tenant)/\(Self.environment)/api/v2.0/$metadata#companies(\(Self.companyId))/\(set)")
    }

    /// `record` with its lines inline when `$expand` asks for them.
    private func expanded(_ record: JSON, _ set: String, _ expand: [String], _ sets: [String: [JSON]]) -> JSON {
        guard let lines = Self.linesSet(of: set), expand.contains(lines) else { return record }
        let id = record["id"]?.stringValue
        let own = (sets[lines] ?? []).filter { $0["documentId"]?.stringValue == id }
            .sorted { ($0["sequence"]?.numberValue ?? 0) < ($1["sequence"]?.numberValue ?? 0) }
        return record.setting(lines, .array(own))
    }

    func list(_ set: String, _ request: RecordedRequest, parent: String?) -> TestResponse {
        let sets = state.value.sets
        guard var records = sets[set] else {
            return Self.error(404, "BadRequest_NotFound", "Resource not found for the segment '\(set)'.")
        }
        if let parent { records = records.filter { $0["documentId"]?.stringValue == parent } }
        let query: ODataQuery
        do {
            query = try ODataQuery(request) { SimulatorSupport.integer(SimulatorSupport.position($0)?["offset"]) }
        } catch {
            return Self.error(400, "BadRequest_InvalidToken", "\(error)")
        }
        let page = query.page(of: records, key: parent == nil ? "number" : "sequence", pageSize: pageSize)
        var body: JSONObject = [
            "@odata.context": context(request, set),
            "value": .array(page.records.map { expanded($0, set, query.expand, sets) }),
        ]
        if let next = page.next {
            let token = SimulatorSupport.cursor(["offset": .number(Double(next))])
            body["@odata.nextLink"] = .string(ODataQuery.nextLink(request, token: token))
        }
        return SimulatorSupport.json(.object(body))
    }

    func get(_ set: String, _ id: String, _ request: RecordedRequest) -> TestResponse {
        let sets = state.value.sets
        guard let record = sets[set]?.first(where: { $0["id"]?.stringValue == id }) else {
            return Self.error(
                404, "BadRequest_NotFound", "The \(set) with the id \(id) does not exist or you have no access to it.")
        }
        let expand = (request.queryValue("$expand") ?? "").split(separator: ",").map(String.init)
        return SimulatorSupport.json(
            expanded(record, set, expand, sets).setting("@odata.context", context(request, set + "/$entity")))
    }

    private func unknownProperty(_ body: JSONObject, allowed: Set<String>, type: String) -> TestResponse? {
        guard let key = body.keys.first(where: { !allowed.contains($0) }) else { return nil }
        return Self.error(
            400, "BadRequest_PropertyNotFound", "The property '\(key)' does not exist on type 'Microsoft.NAV.\(type)'.")
    }

    func create(_ set: String, _ request: RecordedRequest, parent: String?) -> TestResponse {
        guard let body = SimulatorSupport.body(request)?.objectValue else {
            return Self.error(400, "BadRequest_InvalidRequestBody", "The request body is not a JSON object.")
        }
        let created: Result<JSON, Refusal>
        switch (set, parent) {
        case ("customers", nil):
            if let refusal = unknownProperty(body, allowed: Self.writable["customers"] ?? [], type: "customer") {
                return refusal
            }
            created = state.update { createCustomer(body, &$0) }
        case ("salesOrders", nil), ("salesInvoices", nil):
            if let refusal = unknownProperty(body, allowed: Self.writable[set] ?? [], type: String(set.dropLast())) {
                return refusal
            }
            created = state.update { createDocument(set, body, &$0) }
        case ("salesOrderLines", let document?), ("salesInvoiceLines", let document?):
            if let refusal = unknownProperty(body, allowed: Self.writable["lines"] ?? [], type: String(set.dropLast()))
            {
                return refusal
            }
            created = state.update { state -> Result<JSON, Refusal> in
                let documents = set == "salesOrderLines" ? "salesOrders" : "salesInvoices"
                guard state.sets[documents]?.contains(where: { $0["id"]?.stringValue == document }) == true else {
                    return .failure(Refusal(404, "BadRequest_NotFound", "The document \(document) does not exist."))
                }
                let sequence = ((state.sets[set] ?? []).filter { $0["documentId"]?.stringValue == document }.count + 1)
                let line = createLine(body, set: set, document: document, sequence: sequence * 10_000, &state)
                if case .success = line { recomputeTotals(documents, document, &state) }
                return line
            }
        default:
            return Self.error(405, "BadRequest_MethodNotAllowed", "Records of '\(set)' cannot be created here.")
        }
        switch created {
        case .success(let record):
            let sets = state.value.sets
            let expand = (request.queryValue("$expand") ?? "").split(separator: ",").map(String.init)
            let fresh = sets[set]?.first { $0["id"] == record["id"] } ?? record
            return SimulatorSupport.json(
                expanded(fresh, set, expand, sets).setting("@odata.context", context(request, set + "/$entity")),
                status: 201)
        case .failure(let refusal):
            return Self.error(refusal.status, refusal.code, refusal.message)
        }
    }

    func update(_ set: String, _ id: String, _ request: RecordedRequest) -> TestResponse {
        guard set == "customers" else {
            return Self.error(405, "BadRequest_MethodNotAllowed", "Records of '\(set)' cannot be changed here.")
        }
        guard let condition = request.header("If-Match") else {
            return Self.error(428, "BadRequest_MissingIfMatch", "An If-Match header is required to change a record.")
        }
        guard let body = SimulatorSupport.body(request)?.objectValue else {
            return Self.error(400, "BadRequest_InvalidRequestBody", "The request body is not a JSON object.")
        }
        if let refusal = unknownProperty(body, allowed: Self.writable["customers"] ?? [], type: "customer") {
            return refusal
        }
        let result = state.update { state -> Result<JSON, Refusal> in
            guard let index = state.sets[set]?.firstIndex(where: { $0["id"]?.stringValue == id }),
                let current = state.sets[set]?[index]
            else { return .failure(Refusal(404, "BadRequest_NotFound", "The customer \(id) does not exist.")) }
            guard condition == "*" || condition == current["@odata.etag"]?.stringValue else {
                state.staleChanges += 1
                return .failure(Refusal(412, "Request_EntityChanged", "Another user has already changed the record."))
            }
            let now = tick(&state)
            let updated = current.merging(.object(body)).setting("lastModifiedDateTime", .string(Self.iso(now)))
                .setting("@odata.etag", .string(Self.etag(id, version: Int(now / 1000))))
            state.sets[set]?[index] = updated
            return .success(updated)
        }
        switch result {
        case .success(let record):
            return SimulatorSupport.json(record.setting("@odata.context", context(request, "customers/$entity")))
        case .failure(let refusal): return Self.error(refusal.status, refusal.code, refusal.message)
        }
    }

    /// Why a write is refused.
    struct Refusal: Error {
        var status: Int
        var code: String
        var message: String

        init(_ status: Int, _ code: String, _ message: String) {
            self.status = status
            self.code = code
            self.message = message
        }
    }

    private func newId(_ state: inout State) -> String {
        state.nextId += 1
        return Self.guid(state.nextId)
    }

    private func createCustomer(_ body: JSONObject, _ state: inout State) -> Result<JSON, Refusal> {
        let number: String
        if let given = body["number"]?.stringValue {
            number = given
        } else {
            number = "C\(state.numbers["customers", default: 0])"
            state.numbers["customers", default: 0] += 10
        }
        if (state.sets["customers"] ?? []).contains(where: { $0["number"]?.stringValue == number }) {
            return .failure(
                Refusal(
                    400, "Internal_EntityWithSameKeyExists",
                    "The record in table Customer already exists. Identification fields and values: No.='\(number)'"))
        }
        let id = newId(&state)
        let now = tick(&state)
        var customer = Self.customer(id: id, number: number, name: "", city: "", modified: now)
        for (key, value) in body { customer = customer.setting(key, value) }
        state.sets["customers", default: []].append(customer)
        return .success(customer)
    }

    private func createDocument(_ set: String, _ body: JSONObject, _ state: inout State) -> Result<JSON, Refusal> {
        let customers = state.sets["customers"] ?? []
        let customer = customers.first { candidate in
            if let id = body["customerId"]?.stringValue { return candidate["id"]?.stringValue == id }
            return candidate["number"]?.stringValue == body["customerNumber"]?.stringValue
        }
        guard let customer else {
            let key = body["customerNumber"]?.stringValue ?? body["customerId"]?.stringValue ?? ""
            return .failure(
                Refusal(
                    400, "Internal_RecordNotFound",
                    "The Customer does not exist. Identification fields and values: No.='\(key)'"))
        }
        let id = newId(&state)
        let now = tick(&state)
        let number = state.numbers[set, default: 0]
        state.numbers[set, default: 0] += 1
        let today = String(Self.iso(now).prefix(10))
        var document: JSON = [
            "@odata.etag": .string(Self.etag(id, version: Int(now / 1000))), "id": .string(id),
            "number": .string(set == "salesOrders" ? "S-ORD\(number)" : "S-INV\(number)"),
            "externalDocumentNumber": body["externalDocumentNumber"] ?? "",
            "postingDate": body["postingDate"] ?? .string(today),
            "customerId": customer["id"] ?? .null, "customerNumber": customer["number"] ?? .null,
            "customerName": customer["displayName"] ?? .null, "currencyCode": body["currencyCode"] ?? "USD",
            "status": set == "salesOrders" ? "Open" : "Draft", "totalAmountExcludingTax": 0, "totalTaxAmount": 0,
            "totalAmountIncludingTax": 0, "lastModifiedDateTime": .string(Self.iso(now)),
        ]
        if set == "salesOrders" {
            document = document.setting("orderDate", body["orderDate"] ?? .string(today)).setting("fullyShipped", false)
        } else {
            document = document.setting("invoiceDate", body["invoiceDate"] ?? .string(today))
                .setting("dueDate", body["dueDate"] ?? .string(today)).setting("remainingAmount", 0)
        }
        let linesKey = Self.linesSet(of: set) ?? ""
        var lines: [JSON] = []
        for (index, line) in (body[linesKey]?.arrayValue ?? []).enumerated() {
            guard let fields = line.objectValue else {
                return .failure(Refusal(400, "BadRequest_InvalidRequestBody", "A line is not an object."))
            }
            if let key = fields.keys.first(where: { !(Self.writable["lines"] ?? []).contains($0) }) {
                return .failure(
                    Refusal(400, "BadRequest_PropertyNotFound", "The property '\(key)' does not exist on the line."))
            }
            switch createLine(fields, set: linesKey, document: id, sequence: (index + 1) * 10_000, &state, save: false)
            {
            case .success(let made): lines.append(made)
            case .failure(let refusal): return .failure(refusal)
            }
        }
        state.sets[set, default: []].append(document)
        state.sets[linesKey, default: []] += lines
        recomputeTotals(set, id, &state)
        return .success(document)
    }

    private func createLine(
        _ body: JSONObject, set: String, document: String, sequence: Int, _ state: inout State, save: Bool = true
    ) -> Result<JSON, Refusal> {
        let type = body["lineType"]?.stringValue ?? "Item"
        var line: JSON = [
            "id": .string(newId(&state)), "documentId": .string(document), "sequence": .number(Double(sequence)),
            "lineType": .string(type), "lineObjectNumber": "", "itemId": "00000000-0000-0000-0000-000000000000",
            "description": body["description"] ?? "", "unitOfMeasureCode": "", "quantity": 0, "unitPrice": 0,
            "discountPercent": body["discountPercent"] ?? 0, "amountExcludingTax": 0, "taxPercent": 0,
            "amountIncludingTax": 0,
        ]
        if type == "Item" {
            let items = state.sets["items"] ?? []
            let item = items.first { candidate in
                if let id = body["itemId"]?.stringValue { return candidate["id"]?.stringValue == id }
                return candidate["number"]?.stringValue == body["lineObjectNumber"]?.stringValue
            }
            guard let item else {
                let key = body["lineObjectNumber"]?.stringValue ?? body["itemId"]?.stringValue ?? ""
                return .failure(
                    Refusal(
                        400, "Internal_RecordNotFound",
                        "The Item does not exist. Identification fields and values: No.='\(key)'"))
            }
            guard let quantity = body["quantity"]?.numberValue, quantity > 0 else {
                return .failure(Refusal(400, "Internal_InvalidValue", "Quantity must be positive on an item line."))
            }
            let price = body["unitPrice"]?.numberValue ?? item["unitPrice"]?.numberValue ?? 0
            let discount = body["discountPercent"]?.numberValue ?? 0
            let amount = (quantity * price * (100 - discount)).rounded() / 100
            line = line.merging([
                "lineObjectNumber": item["number"] ?? "", "itemId": item["id"] ?? "",
                "description": body["description"] ?? item["displayName"] ?? "",
                "unitOfMeasureCode": item["baseUnitOfMeasureCode"] ?? "", "quantity": .number(quantity),
                "unitPrice": .number(price), "amountExcludingTax": .number(amount),
                "amountIncludingTax": .number(amount),
            ])
        }
        if save { state.sets[set, default: []].append(line) }
        return .success(line)
    }

    private func recomputeTotals(_ set: String, _ id: String, _ state: inout State) {
        guard let linesKey = Self.linesSet(of: set),
            let index = state.sets[set]?.firstIndex(where: { $0["id"]?.stringValue == id })
        else { return }
        let sum =
            (state.sets[linesKey] ?? []).filter { $0["documentId"]?.stringValue == id }
            .reduce(0.0) { $0 + ($1["amountExcludingTax"]?.numberValue ?? 0) } * 100
        let total = sum.rounded() / 100
        var document = state.sets[set]?[index] ?? .null
        document = document.merging([
            "totalAmountExcludingTax": .number(total), "totalAmountIncludingTax": .number(total),
        ])
        if set == "salesInvoices" { document = document.setting("remainingAmount", .number(total)) }
        state.sets[set]?[index] = document
    }
}
