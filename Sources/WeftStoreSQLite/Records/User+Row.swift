import SQLiteNIO
import WeftStore

extension User {
    /// The columns ``init(row:)`` reads, in `SELECT` order.
    static let columns = "id, email, name, password_hash, created_at"

    init(row: SQLiteRow) throws(UnreadableValue) {
        self.init(
            id: try row.id("id"), email: try row.string("email"), name: try row.string("name"),
            passwordHash: try row.string("password_hash"), createdAt: try row.date("created_at")
        )
    }
}
