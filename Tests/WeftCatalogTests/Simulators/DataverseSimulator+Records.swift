import Foundation
import WeftJSON
import WeftTestSupport

extension DataverseSimulator {
    /// The page size a request prefers (`Prefer: odata.maxpagesize=N`), 5,000 by default as in Dataverse.
    static func pageSize(_ request: RecordedRequest) -> Int {
        for part in (request.header("Prefer") ?? "").split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == "odata.maxpagesize", let size = Int(pair[1]), size > 0 {
                return min(size, 5_000)
            }
        }
        return 5_000
    }

    /// The paging cookie Dataverse puts in `$skiptoken` for page `page`.
    static func pagingCookie(page: Int) -> String {
        "<cookie pagenumber=\"\(page)\" pagingcookie=\"%253ccookie%2520page%253d%2522\(page - 1)%2522%253e\" istracking=\"False\" />"
    }

    /// The page number inside a paging cookie.
    static func page(ofCookie cookie: String) -> Int? {
        guard let start = cookie.range(of: "pagenumber=\"") else { return nil }
        return Int(cookie[start.upperBound...].prefix { $0.isNumber })
    }

    private func context(_ request: RecordedRequest, _ table: Table) -> JSON {
        let columns = request.queryValue("$select").map { "(\($0))" } ?? ""
        return .string(SimulatorSupport.origin(request) + Self.root + "/$metadata#\(table.set)\(columns)")
    }

    func list(_ table: Table, _ request: RecordedRequest) -> TestResponse {
        let size = Self.pageSize(request)
        let query: ODataQuery
        do {
            query = try ODataQuery(request) { token in Self.page(ofCookie: token).map { ($0 - 1) * size } }
        } catch {
            return Self.error(400, "0x80060888", "\(error)")
        }
        let page = query.page(of: state.value[keyPath: table.keyPath], key: table.key, pageSize: size)
        var body: JSONObject = ["@odata.context": context(request, table), "value": .array(page.records)]
        if let next = page.next {
            body["@odata.nextLink"] = .string(
                ODataQuery.nextLink(request, token: Self.pagingCookie(page: next / size + 1)))
        }
        return SimulatorSupport.json(
            .object(body),
            headers: [("OData-Version", "4.0"), ("Preference-Applied", "odata.maxpagesize=\(size)")])
    }

    func get(_ table: Table, _ id: String, _ request: RecordedRequest) -> TestResponse {
        guard let record = state.value[keyPath: table.keyPath].first(where: { $0[table.key]?.stringValue == id }) else {
            return Self.error(404, "0x80040217", "\(table.type) With Id = \(id) Does Not Exist")
        }
        let query = try? ODataQuery(request)
        return SimulatorSupport.json(
            (query?.project(record) ?? record).setting("@odata.context", context(request, table)),
            headers: [("OData-Version", "4.0")])
    }

    /// A POST (`id` nil) or a PATCH: validates the columns and the bound parent, then creates or merges.
    func write(_ table: Table, id: String?, _ request: RecordedRequest) -> TestResponse {
        guard var fields = SimulatorSupport.body(request)?.objectValue else {
            return Self.error(400, "0x80048d19", "The request body is not a JSON object.")
        }
        if let column = fields.keys.first(where: { !table.columns.contains($0) }) {
            return Self.error(
                400, "0x80060888",
                "Could not find a property named '\(column)' on type 'Microsoft.Dynamics.CRM.\(table.type)'.")
        }
        if let bind = fields.removeValue(forKey: "parentcustomerid_account@odata.bind")?.stringValue {
            let (set, parent) = SAPSimulator.split(String(bind.drop { $0 == "/" }))
            guard set == "accounts", let parent,
                state.value.accounts.contains(where: { $0["accountid"]?.stringValue == parent })
            else {
                return Self.error(400, "0x80040217", "account With Id = \(parent ?? bind) Does Not Exist")
            }
            fields["_parentcustomerid_value"] = .string(parent)
        }
        let condition = request.header("If-Match")
        let representation = request.header("Prefer")?.contains("return=representation") == true
        let outcome = state.update { state -> Result<(JSON, Bool), Refusal> in
            let records = state[keyPath: table.keyPath]
            let index = id.flatMap { id in records.firstIndex { $0[table.key]?.stringValue == id } }
            if id != nil, index == nil, condition != nil {
                return .failure(Refusal(404, "0x80040217", "\(table.type) With Id = \(id ?? "") Does Not Exist"))
            }
            state.now += 60_000
            state.version += 1
            let stamp: JSONObject = [
                "modifiedon": .string(Self.iso(state.now)), "@odata.etag": .string("W/\"\(state.version)\""),
            ]
            if let index {
                let current = records[index]
                if let condition, condition != "*", condition != current["@odata.etag"]?.stringValue {
                    return .failure(
                        Refusal(412, "0x80060882", "The version of the existing record doesn't match the one given."))
                }
                let updated = Self.derived(current.merging(.object(fields)).merging(.object(stamp)), table)
                state[keyPath: table.keyPath][index] = updated
                return .success((updated, false))
            }
            if table.set == "accounts", (fields["name"]?.stringValue ?? "").isEmpty {
                return .failure(Refusal(400, "0x80040203", "The value of 'name' on a new account cannot be empty."))
            }
            state.nextId += 1
            var record = Self.blank(table, id: id ?? Self.guid(state.nextId), created: state.now)
            for (key, value) in fields { record[key] = value }
            let created = Self.derived(JSON.object(record).merging(.object(stamp)), table)
            state[keyPath: table.keyPath].append(created)
            return .success((created, true))
        }
        switch outcome {
        case .failure(let refusal):
            return Self.error(refusal.status, refusal.code, refusal.message)
        case .success(let (record, created)):
            let key = record[table.key]?.stringValue ?? ""
            let entityId = SimulatorSupport.origin(request) + Self.root + "/\(table.set)(\(key))"
            let headers = [("OData-Version", "4.0"), ("OData-EntityId", entityId)]
            guard representation else { return TestResponse(status: 204, headers: headers, body: []) }
            let query = try? ODataQuery(request)
            return SimulatorSupport.json(
                (query?.project(record) ?? record).setting("@odata.context", context(request, table)),
                status: created ? 201 : 200, headers: headers)
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

    /// The columns Dataverse computes: a contact's full name.
    static func derived(_ record: JSON, _ table: Table) -> JSON {
        guard table.set == "contacts" else { return record }
        let parts = [record["firstname"]?.stringValue, record["lastname"]?.stringValue].compactMap { $0 }
        return record.setting("fullname", .string(parts.filter { !$0.isEmpty }.joined(separator: " ")))
    }

    /// A new record: every column null, active.
    static func blank(_ table: Table, id: String, created: Double) -> JSONObject {
        var record: JSONObject = [table.key: .string(id)]
        for column in table.columns.sorted() where !column.contains("@") { record[column] = .null }
        if table.set == "contacts" {
            record["fullname"] = .null
            record["_parentcustomerid_value"] = .null
        }
        record["statecode"] = 0
        record["createdon"] = .string(iso(created))
        return record
    }

    /// Four accounts, modified a day apart from 2026-01-02; one of them is SAP business partner 1000005's.
    static func seedAccounts() -> [JSON] {
        let rows: [(String, String?, String)] = [
            ("Fourth Coffee", "FC-1001", "Seattle"), ("Litware, Inc.", "LW-2002", "Dallas"),
            ("Lisboa Trading", "SAP-1000005", "Lisbon"), ("Adventure Works", "AW-4004", "Santa Cruz"),
        ]
        let start: Double = 1_767_344_400_000  // 2026-01-02T09:00:00Z
        return rows.enumerated().map { index, row in
            var record = blank(tables["accounts"]!, id: guid(index + 1), created: start - 86_400_000)
            record["name"] = .string(row.0)
            record["accountnumber"] = row.1.map(JSON.string) ?? .null
            record["address1_city"] = .string(row.2)
            record["modifiedon"] = .string(iso(start + Double(index) * 86_400_000))
            record["@odata.etag"] = .string("W/\"\(1_100_000 + index)\"")
            return .object(record)
        }
    }

    /// Three contacts, two of them at Fourth Coffee.
    static func seedContacts() -> [JSON] {
        let rows = [
            ("Yvonne", "McKay", "someone_a@example.com", 1), ("Susanna", "Stubberod", "someone_b@example.com", 1),
            ("Nancy", "Anderson", "someone_c@example.com", 2),
        ]
        return rows.enumerated().map { index, row in
            var record = blank(tables["contacts"]!, id: guid(100 + index), created: 1_767_300_000_000)
            record["firstname"] = .string(row.0)
            record["lastname"] = .string(row.1)
            record["emailaddress1"] = .string(row.2)
            record["_parentcustomerid_value"] = .string(guid(row.3))
            record["modifiedon"] = .string(iso(1_767_300_000_000))
            record["@odata.etag"] = .string("W/\"\(1_150_000 + index)\"")
            return derived(.object(record), tables["contacts"]!)
        }
    }
}
