import Foundation
import SQLiteNIO
import WeftStore

/// One organization's objects in a ``SQLiteStore``. Every statement is bound to ``tenantID``: another
/// organization's objects answer `nil`, an empty list or `.notFound`, and are never changed.
public struct SQLiteTenantStore: TenantStore {
    public let tenantID: StoreID
    let database: SerialDatabase

    public func details() async throws(StoreError) -> Tenant? {
        try await database.access { db throws(StoreError) in
            try await db.first("SELECT \(Tenant.columns) FROM tenants WHERE id = ?", [.id(tenantID)], Tenant.init(row:))
        }
    }

    public func delete() async throws(StoreError) {
        // Everything the organization owns goes with it (ON DELETE CASCADE).
        let deleted = try await database.access { db throws(StoreError) in
            try await db.exists("DELETE FROM tenants WHERE id = ? RETURNING id", [.id(tenantID)])
        }
        guard deleted else { throw StoreError(.notFound, "organization not found") }
    }

    /// The error for an insert that named an organization that does not exist (a foreign key failure).
    func organizationMissing(_ error: StoreError) -> StoreError {
        error.code == .notFound ? StoreError(.notFound, "organization not found") : error
    }
}
