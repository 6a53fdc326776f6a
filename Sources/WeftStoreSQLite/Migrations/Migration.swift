/// One step of the schema: a version and the statements that take the database there from the version before.
/// Migrations are append-only: a released one is never edited, a change is a new migration.
struct Migration: Sendable {
    /// Its number; versions increase by one from 1.
    var version: Int
    /// What it does, recorded in `schema_migrations`.
    var name: String
    /// The statements, run in order in one transaction.
    var statements: [String]
}
