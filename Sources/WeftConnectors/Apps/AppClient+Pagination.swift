import JSONata
import WeftJSON
import WeftModel
import WeftRuntime

/// What an action call produced: records (from `records` or pagination) or one body.
struct ActionOutput: Sendable {
    var value: JSON
    var isRecords: Bool
}

extension AppClient {
    /// Sends the first request and follows the pages the action's `paginate` describes, up to `max_pages`.
    func fetchPages(_ action: Action, first: HTTPRequest, context: EffectContext) async throws(StepFailure)
        -> ActionOutput
    {
        let start = Self.firstPage(first, action.paginate)
        var request = start.request
        var records: [JSON] = []
        var page = 1
        var offset = start.offset
        var pageNumber = start.page
        var previousCursor: JSON?
        while true {
            let response = try await exchange(request, action: action, context: context)
            let body: JSON
            do throws(StepFailure) {
                body = try HTTPBody.body(response)
            } catch {
                throw await redactor().mask(
                    StepFailure(.step, "the response of \(await describe(request)) is not valid JSON"))
            }
            guard action.paginate != nil || action.records != nil else {
                guard let result = action.result else { return ActionOutput(value: body, isRecords: false) }
                let value = try await evaluate(result, over: body, response: response, what: "result")
                return ActionOutput(value: value ?? .null, isRecords: false)
            }
            let pageRecords = try await selectRecords(action, body: body, response: response)
            records += pageRecords
            guard let pagination = action.paginate,
                let next = try await nextRequest(
                    pagination, after: request, response: response, body: body, count: pageRecords.count,
                    offset: offset, page: pageNumber, previousCursor: previousCursor)
            else { break }
            guard page < action.maxPages else {
                context.journal.log(
                    LogEntry(
                        .warning, "`\(action.name)` stopped after max_pages (\(action.maxPages)) pages",
                        stepPath: context.stepPath))
                break
            }
            request = next.request
            offset = next.offset
            pageNumber = next.page
            previousCursor = next.cursor
            page += 1
        }
        return ActionOutput(value: .array(records), isRecords: true)
    }

    /// The first request with the offset or page parameters of the first page, and the first offset and page
    /// number. A value the action's own `query` already gives (from the input, say) is where counting starts.
    static func firstPage(_ request: HTTPRequest, _ pagination: Pagination?) -> (
        request: HTTPRequest, offset: Int, page: Int
    ) {
        var first = request
        switch pagination {
        case .offset(let parameter, let limitParameter, let pageSize)?:
            let offset = RequestURL.value(of: parameter, in: first.url).flatMap { Int($0) } ?? 0
            first.url = RequestURL.setting(parameter, to: String(offset), in: first.url)
            if let limitParameter, RequestURL.value(of: limitParameter, in: first.url) == nil {
                first.url = RequestURL.setting(limitParameter, to: String(pageSize), in: first.url)
            }
            return (first, offset, 0)
        case .page(let parameter, let start, let sizeParameter, let pageSize)?:
            let page = RequestURL.value(of: parameter, in: first.url).flatMap { Int($0) } ?? start
            first.url = RequestURL.setting(parameter, to: String(page), in: first.url)
            if let sizeParameter, let pageSize, RequestURL.value(of: sizeParameter, in: first.url) == nil {
                first.url = RequestURL.setting(sizeParameter, to: String(pageSize), in: first.url)
            }
            return (first, 0, page)
        default:
            return (first, 0, 0)
        }
    }

    private struct NextPage {
        var request: HTTPRequest
        var offset: Int
        var page: Int
        var cursor: JSON?
    }

    /// The request of the next page, or nil when this was the last.
    private func nextRequest(
        _ pagination: Pagination, after request: HTTPRequest, response: HTTPResponse, body: JSON, count: Int,
        offset: Int, page: Int, previousCursor: JSON?
    ) async throws(StepFailure) -> NextPage? {
        var next = NextPage(request: request, offset: offset, page: page, cursor: previousCursor)
        switch pagination {
        case .cursor(let expression, let parameter):
            guard let cursor = try await evaluate(expression, over: body, response: response, what: "paginate.next"),
                cursor != .null, cursor != "", cursor != previousCursor
            else { return nil }
            let text = cursor.stringValue ?? cursor.serialized()
            next.request.url = RequestURL.setting(parameter, to: text, in: request.url)
            next.cursor = cursor
        case .offset(let parameter, _, let pageSize):
            guard count >= pageSize, count > 0 else { return nil }
            next.offset = offset + pageSize
            next.request.url = RequestURL.setting(parameter, to: String(next.offset), in: request.url)
        case .page(let parameter, _, _, let pageSize):
            guard count > 0, count >= (pageSize ?? 1) else { return nil }
            next.page = page + 1
            next.request.url = RequestURL.setting(parameter, to: String(next.page), in: request.url)
        case .linkHeader:
            guard let header = response.header("Link"), let target = LinkHeader.target(header, relation: "next")
            else { return nil }
            return try await following(target, from: request, next: next)
        case .nextURL(let expression):
            guard let value = try await evaluate(expression, over: body, response: response, what: "paginate.next"),
                case .string(let target) = value, !target.isEmpty
            else { return nil }
            return try await following(target, from: request, next: next)
        case .odata:
            guard let target = body["@odata.nextLink"]?.stringValue ?? body["d"]?["__next"]?.stringValue,
                !target.isEmpty
            else { return nil }
            return try await following(target, from: request, next: next)
        }
        return next
    }

    /// The next page at `target` (absolute, or relative to the current URL); nil when it repeats the current.
    private func following(_ target: String, from request: HTTPRequest, next: NextPage) async throws(StepFailure)
        -> NextPage?
    {
        guard let url = RequestURL.resolve(target, against: request.url) else {
            throw await redactor().mask(
                StepFailure(.step, "the next page's URL is not a valid URL: \(await redactor().mask(url: target))"))
        }
        guard url != request.url else { return nil }
        var page = next
        page.request.url = url
        return page
    }

    /// The records of one page: `records` over the body, or for OData `value` (v4) or `d.results` (v2), or the
    /// body itself (its elements when it is an array).
    private func selectRecords(_ action: Action, body: JSON, response: HTTPResponse) async throws(StepFailure)
        -> [JSON]
    {
        let selected: JSON?
        if let expression = action.records {
            selected = try await evaluate(expression, over: body, response: response, what: "records")
        } else if case .odata? = action.paginate {
            selected = body["value"] ?? body["d"]?["results"] ?? body
        } else {
            selected = body
        }
        switch selected {
        case nil, .null?: return []
        case .array(let items)?: return items
        case let value?: return [value]
        }
    }

    /// Evaluates a response expression: `$` is the body, `$connection` the connection, `$headers` the response
    /// headers (lowercase names), `$status` the status code.
    private func evaluate(_ expression: WeftExpression, over body: JSON, response: HTTPResponse, what: String)
        async throws(StepFailure) -> JSON?
    {
        var headers = JSONObject()
        for header in response.headers where headers[header.name.lowercased()] == nil {
            headers[header.name.lowercased()] = .string(header.value)
        }
        var bindings = bindings
        bindings["headers"] = .object(headers)
        bindings["status"] = .number(Double(response.status))
        do throws(JSONataError) {
            return try expression.evaluate(body, bindings: bindings, options: options)
        } catch {
            throw await redactor().mask(StepFailure(.expression, "`\(what)` of `\(app.id)` failed: \(error)"))
        }
    }

    /// `METHOD url` with credentials masked, for messages.
    func describe(_ request: HTTPRequest) async -> String {
        "\(request.method.rawValue) \(await redactor().mask(url: request.url))"
    }
}
