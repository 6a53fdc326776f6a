import Foundation
import SQLiteNIO
import WeftJSON
import WeftStore

extension SQLiteTenantStore {
    public func appendAudit(actor: StoreID, action: String, target: String, details: JSON) async throws(StoreError) {
        do {
            try await database.access { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO audit_log (\(AuditEntry.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        .id(.random("aud")), .id(tenantID), .id(actor), .text(action), .text(target), .json(details),
                        .date(SQLiteStore.now()),
                    ]
                )
            }
        } catch {
            throw organizationMissing(error)
        }
    }

    /// Entries of the same millisecond come newest first too (in the order they were appended).
    public func auditLog(limit: Int, before: Date?) async throws(StoreError) -> [AuditEntry] {
        guard limit > 0 else { return [] }
        return try await database.access { db throws(StoreError) in
            if let before {
                return try await db.rows(
                    """
                    SELECT \(AuditEntry.columns) FROM audit_log WHERE tenant_id = ? AND at < ?
                    ORDER BY at DESC, seq DESC LIMIT ?
                    """,
                    [.id(tenantID), .date(before), .int(limit)], AuditEntry.init(row:)
                )
            }
            return try await db.rows(
                "SELECT \(AuditEntry.columns) FROM audit_log WHERE tenant_id = ? ORDER BY at DESC, seq DESC LIMIT ?",
                [.id(tenantID), .int(limit)], AuditEntry.init(row:)
            )
        }
    }
}
