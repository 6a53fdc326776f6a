import SQLiteNIO
import WeftStore

extension AccessToken {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, user_id, token_hash, created_at, expires_at, revoked_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), userID: try row.id("user_id"), tokenHash: try row.string("token_hash"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }
}
