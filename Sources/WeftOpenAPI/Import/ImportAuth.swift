import WeftJSON

/// The auth block chosen for an app, and the request parts it already fills in (so that parameters for the
/// same credentials are not asked for again).
struct ImportAuth {
    /// The `auth:` block.
    var block: JSON = ["type": "none"]
    /// The header the credentials travel in, lowercased (`authorization`, `x-api-key`).
    var headerName: String?
    /// The query parameter the credentials travel in.
    var queryName: String?
    /// The name of the security scheme the block comes from.
    var scheme: String?
}
