/// A request as the mock sees it, independent of any HTTP server.
public struct MockRequest: Sendable {
    /// The method, in any case (`GET`, `post`).
    public var method: String
    /// The path as received, still percent-encoded, without the query: `/pets/42`.
    public var path: String
    /// The query string as received, without `?` (empty when there is none).
    public var query: String
    /// The header fields, names in any case; a name may repeat.
    public var headers: [(name: String, value: String)]
    /// The body's bytes (empty when there is none).
    public var body: [UInt8]

    /// A request.
    public init(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [],
        body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A request for a target such as `/pets?limit=2`, split at the first `?`.
    public init(
        method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []
    ) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]), query: parts.count > 1 ? String(parts[1]) : "", headers: headers,
            body: body)
    }

    /// The values of the header `name` (compared without case), in order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The first value of the header `name`, or `nil`.
    public func header(_ name: String) -> String? {
        headerValues(name).first
    }
}
