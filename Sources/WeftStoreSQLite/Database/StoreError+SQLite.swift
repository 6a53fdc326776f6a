import Logging
import SQLiteNIO
import WeftStore

extension StoreError {
    /// The store error for a failed statement. Unique violations become `.conflict` and foreign key violations
    /// `.notFound` (callers that know which object it was give a better message); anything else is
    /// `.unavailable`. The SQLite details go to the log only.
    static func mapping(_ error: any Error, sql: String, logger: Logger) -> StoreError {
        guard let error = error as? SQLiteError else {
            logger.error("database call failed", metadata: ["error": "\(error)", "sql": .string(sql)])
            return StoreError(.unavailable, "the database is unavailable")
        }
        switch error.reason {
        case .constraintUniqueFailed, .constraintPrimaryKeyFailed:
            logger.debug("unique constraint", metadata: ["error": .string(error.message), "sql": .string(sql)])
            return StoreError(.conflict, "it already exists")
        case .constraintForeignKeyFailed:
            logger.debug("foreign key constraint", metadata: ["error": .string(error.message), "sql": .string(sql)])
            return StoreError(.notFound, "a referenced object does not exist")
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked:
            logger.warning("database busy", metadata: ["error": .string(error.message), "sql": .string(sql)])
            return StoreError(.unavailable, "the database is busy; try again")
        default:
            logger.error(
                "database statement failed",
                metadata: ["reason": "\(error.reason)", "error": .string(error.message), "sql": .string(sql)]
            )
            return StoreError(.unavailable, "the database is unavailable")
        }
    }
}
