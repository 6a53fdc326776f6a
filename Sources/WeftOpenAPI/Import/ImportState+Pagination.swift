import WeftJSON

extension ImportState {
    /// How an action's results continue over pages, as recognised in the document.
    struct Paging {
        /// The `paginate:` block.
        var block: JSON
        /// The `records:` expression, when the records are a member of the response.
        var records: String?
        /// The schema of one record.
        var recordSchema: JSON?
    }

    /// Names of query parameters that carry a cursor to the next page.
    static let cursorParameters: Set<String> = [
        "cursor", "after", "starting_after", "page_token", "pagetoken", "next_token", "nexttoken",
        "continuation_token", "continuationtoken", "next_cursor", "marker", "start_cursor", "page_cursor",
        "pageinfo", "page_info",
    ]
    /// Response fields that hold the next cursor, and objects they may sit in.
    static let cursorFields = [
        "next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken",
        "continuation_token", "continuationToken", "next_marker", "nextMarker", "NextMarker", "end_cursor",
        "endCursor", "after", "cursor", "next",
    ]
    static let containers = [
        "response_metadata", "meta", "metadata", "pagination", "paging", "page_info", "pageInfo", "cursors", "links",
        "_links",
    ]
    /// Response fields that hold the next page's URL.
    static let nextURLFields = [
        "next", "next_url", "nextUrl", "next_page_url", "nextPageUrl", "next_page_uri", "nextPageUri", "nextLink",
        "next_link", "nextRecordsUrl", "next_page",
    ]
    static let offsetParameters: Set<String> = ["offset", "skip", "$skip", "startindex", "start_index"]
    static let pageParameters: Set<String> = ["page", "page_number", "pagenumber", "page_no", "pageno", "pagenum"]
    static let sizeParameters: Set<String> = [
        "limit", "per_page", "perpage", "page_size", "pagesize", "$top", "top", "count", "size", "max_results",
        "maxresults",
    ]
    /// Names of the member that holds the records of a page, most likely first.
    static let recordNames = [
        "data", "items", "results", "records", "value", "entries", "elements", "list", "objects", "nodes",
    ]

    /// The paging of an operation, recognised from (in this order) a `Link` response header, OData's
    /// `@odata.nextLink`, a cursor parameter with a next-cursor response field, a next-page URL field, offset
    /// and page parameters.
    mutating func pagination(
        operation: Operation, response: JSON?, schema: JSON?, query: [(name: String, parameter: JSON)]
    ) -> Paging? {
        let pointer = operation.pointer
        let names = query.map(\.name)
        func parameter(in set: Set<String>) -> String? { names.first { set.contains($0.lowercased()) } }

        if let headers = response?["headers"]?.objectValue, headers.keys.contains(where: { $0.lowercased() == "link" })
        {
            return paging(["type": "link_header"], schema: schema, at: pointer)
        }
        // Without a schema, an example of the response shows its fields (never used as the output schema).
        let inferred = schema == nil
        guard let schema = schema ?? response.flatMap(responseExample).map(Self.inferredSchema) else {
            if let cursor = parameter(in: Self.cursorParameters) {
                diagnostics.add(
                    "pagination", "the cursor parameter `\(cursor)` has no next cursor in the response; not paged",
                    at: pointer)
            }
            return nil
        }
        func done(_ found: Paging) -> Paging {
            var found = found
            if inferred { found.recordSchema = nil }
            return found
        }
        let properties = shape.properties(schema)
        if properties["@odata.nextLink"] != nil || properties["odata.nextLink"] != nil {
            var paging = Paging(block: ["type": "odata"])
            if let items = properties["value"].flatMap(shape.items) { paging.recordSchema = items }
            return done(paging)
        }
        let cursor = parameter(in: Self.cursorParameters)
        if let cursor, let next = cursorExpression(schema, parameter: cursor) {
            return done(
                paging(
                    ["type": "cursor", "next": .string(next), "param": .string(cursor)], schema: schema, at: pointer))
        }
        // Stripe's search: a `page` parameter takes the `next_page` token of the previous response.
        if let page = parameter(in: Self.pageParameters),
            let field = ["next_page", "nextPage", "next_page_token"].first(where: {
                properties[$0].map { shape.type($0) == "string" && !isURL($0) } ?? false
            })
        {
            return done(
                paging(
                    ["type": "cursor", "next": .string(Self.path([field])), "param": .string(page)], schema: schema,
                    at: pointer))
        }
        if let next = nextURLExpression(schema) {
            return done(paging(["type": "next_url", "next": .string(next)], schema: schema, at: pointer))
        }
        if let cursor {
            diagnostics.add(
                "pagination", "the cursor parameter `\(cursor)` has no next cursor in the response; not paged",
                at: pointer)
        }
        let size = parameter(in: Self.sizeParameters)
        let sizeParameter = size.flatMap { name in query.first { $0.name == name }?.parameter }
        let pageSize = sizeParameter.map(defaultPageSize)
        if let offset = parameter(in: Self.offsetParameters) {
            var block: JSONObject = ["type": "offset", "param": .string(offset)]
            if let size { block["limit_param"] = .string(size) }
            block["page_size"] = .number(Double(pageSize ?? 100))
            if size == nil {
                diagnostics.add(
                    "pagination", "offset paging without a page size parameter assumes 100 records a page",
                    at: pointer)
            }
            return done(paging(.object(block), schema: schema, at: pointer))
        }
        if let page = parameter(in: Self.pageParameters) {
            var block: JSONObject = ["type": "page", "param": .string(page)]
            if let size {
                block["limit_param"] = .string(size)
                block["page_size"] = .number(Double(pageSize ?? 100))
            }
            let pageParameter = query.first { $0.name == page }?.parameter
            let pageSchema = pageParameter.map { document.resolved($0["schema"] ?? $0) }
            let start = pageSchema?["minimum"]?.numberValue ?? pageSchema?["default"]?.numberValue ?? 1
            block["start"] = .number(start < 0 ? 1 : start.rounded(.down))
            return done(paging(.object(block), schema: schema, at: pointer))
        }
        return nil
    }

    /// The page size to ask for: the size parameter's default, else its maximum up to 100, else 100.
    private func defaultPageSize(_ parameter: JSON) -> Int {
        let schema = document.resolved(parameter["schema"] ?? parameter)
        if let value = schema["default"]?.numberValue, value >= 1 { return Int(value) }
        if let maximum = schema["maximum"]?.numberValue, maximum >= 1 { return Int(min(maximum, 100)) }
        return 100
    }

    /// Completes a paging block with where the records are: the body itself when it is an array, else the
    /// likeliest array member.
    private mutating func paging(_ block: JSON, schema: JSON?, at pointer: String) -> Paging {
        var paging = Paging(block: block)
        guard let schema else { return paging }
        if let items = shape.items(schema) {
            paging.recordSchema = items
            return paging
        }
        let properties = shape.properties(schema)
        let arrays = properties.filter { shape.type($0.value) == "array" }
        let name = Self.recordNames.first { arrays[$0] != nil } ?? (arrays.count == 1 ? arrays.keys[0] : nil)
        if let name {
            paging.records = Self.path([name])
            paging.recordSchema = shape.items(arrays[name]!)
        } else {
            diagnostics.add(
                "records", "a paged response has no recognisable array of records; each page is one record",
                at: pointer)
        }
        return paging
    }

    /// The expression of the next cursor in a response: a next-cursor field at the top or in a metadata
    /// object, or — Stripe's style, `has_more` with a `data` list — the last record's `id`.
    private func cursorExpression(_ schema: JSON, parameter: String) -> String? {
        let properties = shape.properties(schema)
        if properties["has_more"] != nil, let data = properties["data"], shape.items(data) != nil,
            ["starting_after", "after"].contains(parameter)
        {
            return "has_more ? data[-1].id"
        }
        for field in Self.cursorFields where properties[field] != nil && isScalar(properties[field]!) {
            return Self.path([field])
        }
        for container in Self.containers {
            guard let inner = properties[container] else { continue }
            let members = shape.properties(inner)
            for field in Self.cursorFields where members[field] != nil && isScalar(members[field]!) {
                return Self.path([container, field])
            }
        }
        return nil
    }

    /// The expression of the next page's URL in a response, when a field for it exists (at the top, in a
    /// links or metadata object, or HAL's `next.href`).
    private func nextURLExpression(_ schema: JSON) -> String? {
        let properties = shape.properties(schema)
        func find(_ properties: JSONObject, prefix: [String]) -> String? {
            for field in Self.nextURLFields {
                guard let property = properties[field] else { continue }
                let type = shape.type(property)
                // `next` and `next_page` may hold a token rather than a URL; they count when described as one.
                let ambiguous =
                    (field == "next" || field == "next_page")
                    && !["links", "_links", "paging"].contains(prefix.last ?? "")
                if type == "string" || (type == nil && shape.properties(property).isEmpty),
                    !ambiguous || isURL(property)
                {
                    return Self.path(prefix + [field])
                }
                if shape.properties(property)["href"] != nil { return Self.path(prefix + [field, "href"]) }
            }
            return nil
        }
        if let found = find(properties, prefix: []) { return found }
        for container in Self.containers {
            guard let inner = properties[container] else { continue }
            if let found = find(shape.properties(inner), prefix: [container]) { return found }
        }
        return nil
    }

    /// Whether a string schema is described as a URL (its format, or its description).
    private func isURL(_ schema: JSON) -> Bool {
        let schema = shape.resolved(schema)
        if let format = schema["format"]?.stringValue?.lowercased(), format.contains("uri") || format.contains("url") {
            return true
        }
        let description = schema["description"]?.stringValue?.lowercased() ?? ""
        return description.contains("url") || description.contains("uri") || description.contains("link")
    }

    private func isScalar(_ schema: JSON) -> Bool {
        let type = shape.type(schema)
        return type == nil || type == "string" || type == "integer" || type == "number"
    }

    /// The first example of a response's JSON content (OpenAPI 3 `example` or `examples`, Swagger 2.0
    /// `examples`).
    func responseExample(_ response: JSON) -> JSON? {
        if let examples = response["examples"]?.objectValue {
            return examples.first { Self.isJSON($0.key) }?.value
        }
        guard let content = response["content"]?.objectValue,
            let media = content.first(where: { Self.isJSON($0.key) })?.value
        else { return nil }
        if let example = media["example"] { return example }
        return media["examples"]?.objectValue?.values.first.map { document.resolved($0)["value"] ?? .null }
    }

    /// A schema of the example's shape: types, properties and the first item of arrays.
    static func inferredSchema(_ example: JSON) -> JSON {
        switch example {
        case .object(let object):
            var properties = JSONObject(minimumCapacity: object.count)
            for (name, value) in object { properties[name] = inferredSchema(value) }
            return ["type": "object", "properties": .object(properties)]
        case .array(let elements):
            return ["type": "array", "items": elements.first.map(inferredSchema) ?? [:]]
        case .string: return ["type": "string"]
        case .number: return ["type": "number"]
        case .bool: return ["type": "boolean"]
        case .null: return [:]
        }
    }

    /// A JSONata path over field names.
    static func path(_ names: [String]) -> String {
        names.map(ActionNaming.inputExpression).joined(separator: ".")
    }
}
