import Foundation
import WeftStore

/// Where a page of runs ended: the last run's creation time and id, as runs are listed newest first by
/// (created_at, id). Written as opaque base64url text for ``RunPage/next``.
struct RunCursor: Equatable {
    var createdAt: Int64
    var id: StoreID

    init(createdAt: Int64, id: StoreID) {
        self.createdAt = createdAt
        self.id = id
    }

    /// Reads a cursor; `.invalid` when `text` is not one this store wrote.
    init(text: String) throws(StoreError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8),
            plain.hasPrefix("r1:"), let colon = plain.dropFirst(3).firstIndex(of: ":"),
            let createdAt = Int64(plain[plain.index(plain.startIndex, offsetBy: 3)..<colon]),
            case let id = plain[plain.index(after: colon)...], !id.isEmpty
        else { throw StoreError(.invalid, "the page cursor is not valid") }
        self.createdAt = createdAt
        self.id = StoreID(String(id))
    }

    /// The cursor as opaque text.
    var text: String {
        Data("r1:\(createdAt):\(id.rawValue)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
