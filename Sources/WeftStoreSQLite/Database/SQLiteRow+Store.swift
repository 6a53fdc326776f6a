import Foundation
import SQLiteNIO
import WeftJSON
import WeftStore

/// Reading typed values out of a row. A missing column or a value of the wrong type means the database does not
/// hold what this code wrote; ``SQLiteExecutor`` logs it and answers `.unavailable`.
extension SQLiteRow {
    func string(_ column: String) throws(UnreadableValue) -> String {
        guard case .text(let value) = try data(column) else { throw Self.unreadable(column) }
        return value
    }

    func optionalString(_ column: String) throws(UnreadableValue) -> String? {
        if case .null = try data(column) { return nil }
        return try string(column)
    }

    func id(_ column: String) throws(UnreadableValue) -> StoreID {
        StoreID(try string(column))
    }

    func int(_ column: String) throws(UnreadableValue) -> Int {
        guard case .integer(let value) = try data(column) else { throw Self.unreadable(column) }
        return Int(value)
    }

    func bool(_ column: String) throws(UnreadableValue) -> Bool {
        try int(column) != 0
    }

    func date(_ column: String) throws(UnreadableValue) -> Date {
        guard case .integer(let value) = try data(column) else { throw Self.unreadable(column) }
        return Date(storeMilliseconds: Int64(value))
    }

    func optionalDate(_ column: String) throws(UnreadableValue) -> Date? {
        if case .null = try data(column) { return nil }
        return try date(column)
    }

    func bytes(_ column: String) throws(UnreadableValue) -> [UInt8] {
        switch try data(column) {
        case .blob(let buffer): return Array(buffer.readableBytesView)
        default: throw Self.unreadable(column)
        }
    }

    func optionalBytes(_ column: String) throws(UnreadableValue) -> [UInt8]? {
        if case .null = try data(column) { return nil }
        return try bytes(column)
    }

    func json(_ column: String) throws(UnreadableValue) -> JSON {
        let text = try string(column)
        do {
            return try JSONParser().parse(text)
        } catch {
            throw Self.unreadable(column)
        }
    }

    func role(_ column: String) throws(UnreadableValue) -> Role {
        guard let role = Role(rawValue: try string(column)) else { throw Self.unreadable(column) }
        return role
    }

    private func data(_ column: String) throws(UnreadableValue) -> SQLiteData {
        guard let value = self.column(column) else { throw Self.unreadable(column) }
        return value
    }

    private static func unreadable(_ column: String) -> UnreadableValue {
        UnreadableValue(column: column)
    }
}
