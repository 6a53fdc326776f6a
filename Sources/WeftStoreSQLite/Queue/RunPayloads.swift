import Foundation
import SQLiteNIO
import WeftJSON
import WeftStore

/// Run inputs as stored: inline up to ``inlineLimit`` bytes, larger ones in the `payloads` table with a time to
/// live, the run's `input` column then holding only `{ "$payload": id }`.
enum RunPayloads {
    /// The largest input kept in the run's row.
    static let inlineLimit = 256 * 1024
    /// How long a payload stored by reference is kept (the default retention of run data).
    static let lifetime: TimeInterval = 30 * 24 * 3600

    /// The text to put in the run's `input` column, storing the payload aside first when it is large.
    static func store(
        _ input: JSON, tenantID: StoreID, now: Date, in db: SQLiteExecutor
    ) async throws(StoreError) -> String {
        let bytes = input.serializedBytes()
        guard bytes.count > inlineLimit else { return String(decoding: bytes, as: UTF8.self) }
        let id = StoreID.random("pld")
        try await db.execute(
            "INSERT INTO payloads (id, tenant_id, bytes, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            [.id(id), .id(tenantID), .bytes(bytes), .date(now), .date(now.addingTimeInterval(lifetime))])
        return JSON.object(["$payload": .string(id.rawValue)]).serialized()
    }

    /// The input a run's `input` column stands for: nil when there is none, or its payload expired.
    static func resolve(_ text: String?, tenantID: StoreID, in db: SQLiteExecutor) async throws(StoreError) -> JSON? {
        guard let text else { return nil }
        let stored: JSON
        do { stored = try JSONParser().parse(text) } catch { return nil }
        guard case .object(let fields) = stored, fields.count == 1, case .string(let id)? = fields["$payload"] else {
            return stored
        }
        let bytes = try await db.first(
            "SELECT bytes FROM payloads WHERE tenant_id = ? AND id = ?", [.id(tenantID), .text(id)]
        ) { (row) throws(UnreadableValue) in try row.bytes("bytes") }
        guard let bytes else { return nil }
        return try? JSONParser().parse(bytes)
    }
}
