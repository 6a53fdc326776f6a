import Foundation
import WeftStore

/// Brings a database to the latest schema: applies each of ``Migration/all`` not yet recorded in
/// `schema_migrations`, in order, each in a transaction of its own together with its record. Running it again
/// does nothing; a database that records a version this code does not know is refused.
struct Migrator: Sendable {
    let database: SerialDatabase
    let migrations: [Migration]

    func migrate() async throws(StoreError) {
        try await database.transaction { db throws(StoreError) in
            try await db.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at INTEGER NOT NULL
                ) STRICT
                """
            )
        }
        for migration in migrations {
            try await database.transaction { db throws(StoreError) in
                let applied = try await db.rows("SELECT version FROM schema_migrations ORDER BY version") {
                    (row) throws(UnreadableValue) in
                    try row.int("version")
                }
                if let newest = applied.last, newest > (migrations.last?.version ?? 0) {
                    db.logger.error(
                        "database schema is newer than this build",
                        metadata: ["database": "\(newest)", "known": "\(migrations.last?.version ?? 0)"]
                    )
                    throw StoreError(.unavailable, "the database was written by a newer version of Weft")
                }
                guard !applied.contains(migration.version) else { return }
                for statement in migration.statements {
                    try await db.execute(statement)
                }
                try await db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [.int(migration.version), .text(migration.name), .date(Date())]
                )
                db.logger.info(
                    "applied migration",
                    metadata: ["version": "\(migration.version)", "name": .string(migration.name)]
                )
            }
        }
    }
}
