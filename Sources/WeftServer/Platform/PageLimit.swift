/// The `limit` query parameter of a listing: how many items one page holds.
enum PageLimit {
    /// `text` as a page size from 1 to `maximum` (`standard` when absent), or 400 saying what is allowed.
    static func parse(_ text: String?, standard: Int = 50, maximum: Int = 500) throws -> Int {
        guard let text else { return standard }
        guard let limit = Int(text), (1...maximum).contains(limit) else {
            throw APIError(.badRequest, "invalid_query", "`limit` must be a whole number from 1 to \(maximum)")
        }
        return limit
    }
}
