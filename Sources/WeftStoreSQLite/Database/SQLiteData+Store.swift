import Foundation
import SQLiteNIO
import WeftJSON
import WeftStore

extension SQLiteData {
    /// An id as text.
    static func id(_ id: StoreID) -> SQLiteData { .text(id.rawValue) }

    /// A date as integer milliseconds since 1970.
    static func date(_ date: Date) -> SQLiteData { .integer(SQLiteInt64(date.storeMilliseconds)) }

    /// An optional date as integer milliseconds, or NULL.
    static func date(_ date: Date?) -> SQLiteData {
        guard let date else { return .null }
        return .date(date)
    }

    /// An integer.
    static func int(_ value: Int) -> SQLiteData { .integer(SQLiteInt64(value)) }

    /// A Boolean as 0 or 1.
    static func bool(_ value: Bool) -> SQLiteData { .integer(value ? 1 : 0) }

    /// A JSON value as its compact text.
    static func json(_ value: JSON) -> SQLiteData { .text(value.serialized()) }

    /// Bytes as a BLOB.
    static func bytes(_ bytes: [UInt8]) -> SQLiteData { .blob(ByteBuffer(bytes: bytes)) }
}
