import Logging
import SQLiteNIO
import WeftStore

/// Runs statements on the store's one connection while the caller holds it (inside
/// ``SerialDatabase/access(_:)`` or ``SerialDatabase/transaction(_:)``). Values are always bound, never written
/// into the SQL. A failure is logged with its SQL (which holds no values) and becomes a ``StoreError`` that names
/// neither.
struct SQLiteExecutor: Sendable {
    let connection: SQLiteConnection
    let logger: Logger

    /// Runs `sql` and returns its rows, each read by `decode`.
    func rows<T>(
        _ sql: String, _ binds: [SQLiteData] = [], _ decode: (SQLiteRow) throws(UnreadableValue) -> T
    ) async throws(StoreError) -> [T] {
        let rows = try await rows(sql, binds)
        do {
            return try rows.map { (row) throws(UnreadableValue) -> T in try decode(row) }
        } catch {
            logger.error("unreadable stored value", metadata: ["column": .string(error.column), "sql": .string(sql)])
            throw StoreError(.unavailable, "stored data could not be read")
        }
    }

    /// Runs `sql` and returns the first row read by `decode`, if any.
    func first<T>(
        _ sql: String, _ binds: [SQLiteData] = [], _ decode: (SQLiteRow) throws(UnreadableValue) -> T
    ) async throws(StoreError) -> T? {
        try await rows(sql, binds, decode).first
    }

    /// Runs `sql` and returns its raw rows.
    func rows(_ sql: String, _ binds: [SQLiteData] = []) async throws(StoreError) -> [SQLiteRow] {
        do {
            return try await connection.query(sql, binds)
        } catch {
            throw StoreError.mapping(error, sql: sql, logger: logger)
        }
    }

    /// Runs `sql` for its effect.
    func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws(StoreError) {
        _ = try await rows(sql, binds)
    }

    /// Whether `sql` returns at least one row.
    func exists(_ sql: String, _ binds: [SQLiteData] = []) async throws(StoreError) -> Bool {
        try await !rows(sql, binds).isEmpty
    }
}
