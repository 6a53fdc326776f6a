import Foundation
import WeftJSON
import WeftTestSupport

/// The system query options of an OData request (`$filter`, `$orderby`, `$top`, `$skip`, `$select`,
/// `$skiptoken`), applied to a collection the way the services do: filter, order, skip and top define the
/// result; the server hands it out in pages of at most `pageSize`, continuing at a position in `$skiptoken`.
struct ODataQuery: Sendable {
    var filter: ODataFilter?
    var orderBy: [(field: String, descending: Bool)] = []
    var top: Int?
    var skip = 0
    var select: [String]?
    var expand: [String] = []
    /// The position inside the result where this page starts.
    var position = 0

    /// One page of a result.
    struct Page: Sendable {
        var records: [JSON]
        /// The position of the next page, or nil when this is the last.
        var next: Int?
        /// How many records the whole result has.
        var total: Int
    }

    /// Reads the options of `request`; the `$skiptoken` is read by `token`, which gives the position it stands
    /// for or nil when it is not one of the server's.
    init(_ request: RecordedRequest, token: (String) -> Int? = { Int($0) }) throws(ODataFilter.SyntaxError) {
        if let text = request.queryValue("$filter") { filter = try ODataFilter.parse(text) }
        if let text = request.queryValue("$orderby") {
            orderBy = text.split(separator: ",").map { part in
                let words = part.split(separator: " ").map(String.init)
                return (words.first ?? "", words.count > 1 && words[1].lowercased() == "desc")
            }
        }
        if let text = request.queryValue("$top") {
            guard let value = Int(text), value >= 0 else {
                throw ODataFilter.SyntaxError(description: "the value of $top is not a non-negative integer")
            }
            top = value
        }
        if let text = request.queryValue("$skip") {
            guard let value = Int(text), value >= 0 else {
                throw ODataFilter.SyntaxError(description: "the value of $skip is not a non-negative integer")
            }
            skip = value
        }
        if let text = request.queryValue("$select") {
            select = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let text = request.queryValue("$expand") {
            expand = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if let text = request.queryValue("$skiptoken") {
            guard let value = token(text) else {
                throw ODataFilter.SyntaxError(description: "the $skiptoken is not valid")
            }
            position = value
        }
    }

    /// The page of `records` this query asks for, at most `pageSize` long (ordered by `key` when the query
    /// gives no order).
    func page(of records: [JSON], key: String, pageSize: Int) -> Page {
        let matching = records.filter { filter?.matches($0) ?? true }
        let order = orderBy.isEmpty ? [(field: key, descending: false)] : orderBy
        let sorted = matching.sorted { left, right in
            for (field, descending) in order {
                let l = Self.sortKey(left[field])
                let r = Self.sortKey(right[field])
                if l == r { continue }
                return descending ? l > r : l < r
            }
            return false
        }
        var result = Array(sorted.dropFirst(skip))
        if let top { result = Array(result.prefix(top)) }
        let slice = Array(result.dropFirst(position).prefix(pageSize))
        let end = position + slice.count
        return Page(records: slice.map(project), next: end < result.count ? end : nil, total: result.count)
    }

    /// A record with only the `$select`ed properties (annotations and `__metadata` kept).
    func project(_ record: JSON) -> JSON {
        guard let select, var object = record.objectValue else { return record }
        for key in Array(object.keys)
        where !select.contains(key) && !key.hasPrefix("@") && key != "__metadata" && !expand.contains(key) {
            object[key] = nil
        }
        return .object(object)
    }

    /// A sortable text for a value: numbers and dates padded, so that text order is value order.
    private static func sortKey(_ value: JSON?) -> String {
        switch value {
        case .number(let number)?: return String(format: "%020.4f", number + 1e12)
        case .string(let text)?:
            if text.hasPrefix("/Date("), let millis = ODataFilter.millis(.string(text)) {
                return String(format: "%020.0f", millis)
            }
            return text
        case .bool(let flag)?: return flag ? "1" : "0"
        default: return ""
        }
    }

    /// The request's URL with `$skiptoken` set to `token` (other options kept, as the services' next links do),
    /// absolute.
    static func nextLink(_ request: RecordedRequest, token: String) -> String {
        var parts = request.query.filter { $0.name != "$skiptoken" }.map {
            SimulatorSupport.encode($0.name) + "=" + SimulatorSupport.encode($0.value)
        }
        parts.append("$skiptoken=" + SimulatorSupport.encode(token))
        return SimulatorSupport.origin(request) + request.path + "?" + parts.joined(separator: "&")
    }
}
