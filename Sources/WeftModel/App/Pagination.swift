/// How an action's results continue over several responses.
public enum Pagination: Sendable {
    /// A cursor from each response is sent as a parameter of the next request.
    case cursor(next: WeftExpression, parameter: String)
    /// `offset` grows by the page size.
    case offset(parameter: String, limitParameter: String?, pageSize: Int)
    /// `page` counts up from `start`.
    case page(parameter: String, start: Int, sizeParameter: String?, pageSize: Int?)
    /// The `Link: <...>; rel="next"` response header.
    case linkHeader
    /// A next-page URL in the body.
    case nextURL(next: WeftExpression)
    /// OData's `@odata.nextLink` (v4) or `__next` (v2).
    case odata

    /// The pagination's type name.
    public var type: String {
        switch self {
        case .cursor: return "cursor"
        case .offset: return "offset"
        case .page: return "page"
        case .linkHeader: return "link_header"
        case .nextURL: return "next_url"
        case .odata: return "odata"
        }
    }

    private struct Settings {
        var next: WeftExpression?
        var parameter: String?
        var limitParameter: String?
        var pageSize: Int?
        var start = 1
    }

    /// The spec of a `paginate:` block.
    public static var spec: Spec<Pagination> {
        func settings(_ type: String, _ fields: [Field<Settings>]) -> Spec<Settings> {
            ObjectSpec(
                "\(type.split(separator: "_").map { $0.capitalized }.joined())Pagination",
                description: "Pagination by \(type).", initial: Settings.init, fields: [.typeTag(type)] + fields
            ).spec
        }
        let next = Field<Settings>.field("next", \.next, .expression, required: true, "The next value in a response.")
        let parameter = { (fallback: String) in
            Field<Settings>.field("param", \.parameter, .string(), "The request parameter; `\(fallback)` by default.")
        }
        let size = Field<Settings>.field("page_size", \.pageSize, .integer(minimum: 1), "Items per page.")
        let limit = Field<Settings>.field("limit_param", \.limitParameter, .string(), "The page size parameter.")
        return .discriminated([
            (
                "cursor",
                settings("cursor", [next, parameter("cursor")]).map {
                    .cursor(next: $0.next!, parameter: $0.parameter ?? "cursor")
                }
            ),
            (
                "offset",
                settings("offset", [parameter("offset"), limit, size]).map {
                    .offset(
                        parameter: $0.parameter ?? "offset", limitParameter: $0.limitParameter,
                        pageSize: $0.pageSize ?? 100)
                }
            ),
            (
                "page",
                settings(
                    "page",
                    [
                        parameter("page"), limit, size,
                        .field("start", \.start, .integer(minimum: 0), "The first page number; 1 by default."),
                    ]
                ).map {
                    .page(
                        parameter: $0.parameter ?? "page", start: $0.start, sizeParameter: $0.limitParameter,
                        pageSize: $0.pageSize)
                }
            ),
            ("link_header", settings("link_header", []).map { _ in .linkHeader }),
            ("next_url", settings("next_url", [next]).map { .nextURL(next: $0.next!) }),
            ("odata", settings("odata", []).map { _ in .odata }),
        ])
    }
}

/// At most `requests` per `period`, enforced before each request.
public struct RateLimit: Sendable {
    public var requests = 10
    public var period: Duration = .seconds(1)

    static var spec: Spec<RateLimit> {
        ObjectSpec(
            "RateLimit", description: "A request budget per period.", initial: RateLimit.init,
            fields: [
                .field("requests", \.requests, .integer(minimum: 1), required: true, "Requests allowed per period."),
                .field("per", \.period, .duration, "The period; `1s` by default."),
            ]
        ).spec
    }
}
