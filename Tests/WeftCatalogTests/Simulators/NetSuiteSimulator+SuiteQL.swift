import Foundation
import WeftJSON
import WeftTestSupport

extension NetSuiteSimulator {
    /// A SuiteQL query over customers: by email (`LOWER(email) = '...'`) or by modification time
    /// (`lastmodifieddate >= TO_TIMESTAMP('...', ...)`), paged by `limit` and `offset`.
    func suiteQL(_ request: RecordedRequest) -> TestResponse {
        guard request.header("Prefer")?.lowercased() == "transient" else {
            return Self.error(400, "Bad Request", "INVALID_PARAMETER", "The Prefer: transient header is required.")
        }
        guard let query = SimulatorSupport.body(request)?["q"]?.stringValue else {
            return Self.error(400, "Bad Request", "INVALID_CONTENT", "The request body must have a q property.")
        }
        let limit = Int(request.queryValue("limit") ?? "1000") ?? 1000
        let offset = Int(request.queryValue("offset") ?? "0") ?? 0
        guard (1...1000).contains(limit), offset >= 0, offset % limit == 0 else {
            return Self.error(
                400, "Bad Request", "INVALID_PARAMETER", "The offset must be a multiple of the limit (at most 1000).")
        }
        let columns = "SELECT id, entityid, companyname, email, lastmodifieddate FROM customer WHERE "
        guard query.hasPrefix(columns) else {
            return Self.error(400, "Bad Request", "INVALID_SEARCH", "Invalid search query: \(query)")
        }
        let condition = String(query.dropFirst(columns.count))
        let rows = state.value.customers.values.map(Self.row).sorted {
            ($0["lastmodifieddate"]?.stringValue ?? "", $0["id"]?.stringValue ?? "")
                < ($1["lastmodifieddate"]?.stringValue ?? "", $1["id"]?.stringValue ?? "")
        }
        let selected: [JSON]
        if let email = Self.quoted(after: "LOWER(email) = ", in: condition) {
            selected = rows.filter { $0["email"]?.stringValue?.lowercased() == email }
        } else if let since = Self.quoted(after: "lastmodifieddate >= TO_TIMESTAMP(", in: condition),
            condition.hasSuffix("'YYYY-MM-DD HH24:MI:SS') ORDER BY lastmodifieddate")
        {
            selected = rows.filter { ($0["lastmodifieddate"]?.stringValue ?? "") >= since }
        } else {
            return Self.error(400, "Bad Request", "INVALID_SEARCH", "Invalid search query: \(query)")
        }
        let page = Array(selected.dropFirst(offset).prefix(limit))
        let hasMore = offset + limit < selected.count
        var links: [JSON] = []
        let base = SimulatorSupport.origin(request) + request.path
        if hasMore {
            links.append(["rel": "next", "href": .string("\(base)?limit=\(limit)&offset=\(offset + limit)")])
        }
        return SimulatorSupport.json([
            "links": .array(links), "count": .number(Double(page.count)), "hasMore": .bool(hasMore),
            "items": .array(page), "offset": .number(Double(offset)), "totalResults": .number(Double(selected.count)),
        ])
    }

    /// The text of the single-quoted SQL literal right after `prefix` (`''` read as `'`).
    static func quoted(after prefix: String, in text: String) -> String? {
        guard let range = text.range(of: prefix + "'") else { return nil }
        var value = ""
        var index = range.upperBound
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if character == "'" {
                if index < text.endIndex, text[index] == "'" {
                    value.append("'")
                    index = text.index(after: index)
                    continue
                }
                return value
            }
            value.append(character)
        }
        return nil
    }

    /// A customer as a SuiteQL row: lowercase column names, the time as `YYYY-MM-DD HH:MM:SS`.
    static func row(_ customer: JSON) -> JSON {
        let modified = (customer["lastModifiedDate"]?.stringValue ?? "")
            .replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
        return [
            "links": [], "id": customer["id"] ?? .null, "entityid": customer["entityId"] ?? .null,
            "companyname": customer["companyName"] ?? .null, "email": customer["email"] ?? .null,
            "lastmodifieddate": .string(modified),
        ]
    }

    /// Five customers modified a day apart from 2026-01-02.
    static func seedCustomers() -> [String: JSON] {
        let people: [(String, String, String)] = [
            ("Analytical Engines Ltd", "ada@example.com", "CUST1001"),
            ("Compiler Works", "grace@example.com", "CUST1002"),
            ("Shortest Path BV", "edsger@example.com", "CUST1003"),
            ("Substitution Inc", "barbara@example.com", "CUST1004"),
            ("Enigma Analytics", "alan@example.com", "CUST1005"),
        ]
        var customers: [String: JSON] = [:]
        for (index, person) in people.enumerated() {
            let id = String(1001 + index)
            customers[id] = [
                "id": .string(id), "entityId": .string(person.2), "companyName": .string(person.0),
                "email": .string(person.1), "isPerson": false, "subsidiary": ["id": "1", "refName": "Parent Company"],
                "dateCreated": "2025-11-01T08:00:00Z", "lastModifiedDate": .string("2026-01-0\(index + 2)T08:00:00Z"),
            ]
        }
        return customers
    }

    /// Items by internal id, with the SKU as item name and external id.
    static func seedItems() -> [String: JSON] {
        [
            "301": ["id": "301", "itemId": "TEE-M-BLACK", "externalId": "TEE-M-BLACK", "basePrice": 24.0],
            "302": ["id": "302", "itemId": "MUG-BLUE", "externalId": "MUG-BLUE", "basePrice": 12.5],
            "303": ["id": "303", "itemId": "SVC-HOUR", "externalId": "SVC-HOUR", "basePrice": 95.0],
        ]
    }
}
