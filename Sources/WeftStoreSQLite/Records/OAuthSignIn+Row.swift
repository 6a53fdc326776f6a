import SQLiteNIO
import WeftStore

extension OAuthSignIn {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "state_hash, tenant_id, connection_name, code_verifier, redirect_uri, started_by, expires_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            stateHash: try row.string("state_hash"), tenantID: try row.id("tenant_id"),
            connectionName: try row.string("connection_name"), codeVerifier: try row.string("code_verifier"),
            redirectURI: try row.string("redirect_uri"), startedBy: try row.id("started_by"),
            expiresAt: try row.date("expires_at")
        )
    }
}
