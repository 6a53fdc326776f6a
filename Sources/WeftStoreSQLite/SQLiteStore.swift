import Foundation
import Logging
import WeftStore

/// The embedded default store: one SQLite database file (WAL, `synchronous=FULL`, foreign keys on).
///
/// All work goes through one connection, one operation at a time; an operation that writes more than one row is
/// one transaction. Call ``migrate()`` before anything else, and ``close()`` when done.
///
/// ```swift
/// let store = SQLiteStore(path: "/var/lib/weft/weft.sqlite")
/// try await store.migrate()
/// let organization = store.tenant(tenantID)
/// ```
public final class SQLiteStore: WeftStore {
    let database: SerialDatabase
    let logger: Logger

    /// A store in the database file at `path`, created (readable by its owner only) when missing. The file is
    /// opened on first use; a failure to open it is reported then, as `.unavailable`.
    public init(path: String, logger: Logger = Logger(label: "weft.store.sqlite")) {
        self.logger = logger
        database = SerialDatabase(location: .file(path), logger: logger)
    }

    private init(memoryWithLogger logger: Logger) {
        self.logger = logger
        database = SerialDatabase(location: .memory, logger: logger)
    }

    /// A store in memory, gone when closed: for tests and trials.
    public static func inMemory(logger: Logger = Logger(label: "weft.store.sqlite")) -> SQLiteStore {
        SQLiteStore(memoryWithLogger: logger)
    }

    /// Closes the database. Later calls fail with `.unavailable`; closing twice is harmless.
    public func close() async {
        await database.close()
    }

    public func migrate() async throws(StoreError) {
        try await Migrator(database: database, migrations: Migration.all).migrate()
    }

    public func tenant(_ id: StoreID) -> any TenantStore {
        SQLiteTenantStore(tenantID: id, database: database)
    }

    /// The schema versions applied to the database, oldest first.
    public func schemaVersions() async throws(StoreError) -> [Int] {
        try await database.access { db throws(StoreError) in
            try await db.rows("SELECT version FROM schema_migrations ORDER BY version") {
                (row) throws(UnreadableValue) in
                try row.int("version")
            }
        }
    }

    /// The current time as the store keeps it (to the millisecond).
    static func now() -> Date { Date().storePrecision }
}
