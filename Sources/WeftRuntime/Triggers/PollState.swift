import Collections
import WeftJSON

/// Where a poll stands: the cursor to resume from and the keys of the records already delivered. A plain value:
/// the poll source calls ``fresh(_:)`` on each page of records and ``accept(_:)`` once a record's run is
/// accepted, and saves ``json`` after each.
public struct PollState: Sendable, Equatable {
    /// A record the poll has not delivered yet.
    public struct Record: Sendable, Equatable {
        public var value: JSON
        /// Its identity, for de-duplication.
        public var key: String
        /// Its cursor value, when the poll has a cursor.
        public var cursor: JSON?

        /// Creates a record.
        public init(value: JSON, key: String, cursor: JSON?) {
            self.value = value
            self.key = key
            self.cursor = cursor
        }
    }

    /// The largest cursor value accepted so far (or the configured initial one).
    public private(set) var cursor: JSON?
    /// The keys delivered most recently, oldest first, at most ``keyLimit`` of them.
    public private(set) var seenKeys: OrderedSet<String>
    /// How many keys are remembered: enough to cover the records a cursor can return twice (those sharing the
    /// newest cursor value) without growing without bound.
    public let keyLimit: Int

    /// Creates a state.
    public init(cursor: JSON?, seenKeys: [String] = [], keyLimit: Int = 10_000) {
        self.cursor = cursor
        self.keyLimit = keyLimit
        self.seenKeys = OrderedSet(seenKeys.suffix(keyLimit))
    }

    /// The records not delivered yet, in cursor order (stable for equal or missing cursors), each key once. A
    /// record whose key was seen is new again when its cursor is past the current one: a changed record (the same
    /// `id` with a later `updated_at`), not one the cursor returns twice.
    public func fresh(_ records: [Record]) -> [Record] {
        var keys = Set<String>()
        let unseen = records.filter {
            (!seenKeys.contains($0.key) || isPastCursor($0)) && keys.insert($0.key).inserted
        }
        return unseen.enumerated().sorted { left, right in
            switch (left.element.cursor, right.element.cursor) {
            case (let a?, let b?) where PollState.precedes(a, b): return true
            case (let a?, let b?) where PollState.precedes(b, a): return false
            default: return left.offset < right.offset
            }
        }.map(\.element)
    }

    /// Whether the record's cursor value comes after the current cursor.
    private func isPastCursor(_ record: Record) -> Bool {
        guard let value = record.cursor, value != .null, let current = cursor, current != .null else { return false }
        return PollState.precedes(current, value)
    }

    /// Records that `record` was delivered: its key is remembered (as the newest) and the cursor moves up to its
    /// value.
    public mutating func accept(_ record: Record) {
        seenKeys.remove(record.key)
        seenKeys.append(record.key)
        if seenKeys.count > keyLimit { seenKeys.removeFirst(seenKeys.count - keyLimit) }
        if let value = record.cursor, value != .null {
            if let current = cursor, current != .null, !PollState.precedes(current, value) { return }
            cursor = value
        }
    }

    /// Whether cursor value `a` comes before `b`: numbers by value, UTC times (`...THH:MM:SS[.digits]Z`) in time,
    /// other strings by their characters; values of different types are not ordered.
    static func precedes(_ a: JSON, _ b: JSON) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.string(let x), .string(let y)):
            if let first = utcTime(x), let second = utcTime(y) { return precedes(first, second) }
            return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        default: return false
        }
    }

    /// A time written `YYYY-MM-DDTHH:MM:SS[.digits]Z` split into its seconds and the digits of its fraction, or
    /// `nil` for other text. Such times do not order by their characters: `.` sorts before `Z`, so
    /// `10:00:00.5Z` would come before `10:00:00Z`.
    private static func utcTime(_ text: String) -> (seconds: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>)? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count != 21, bytes.last == UInt8(ascii: "Z") else { return nil }
        for (index, byte) in bytes[..<19].enumerated() {
            switch index {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return nil }
            case 10: guard byte == UInt8(ascii: "T") else { return nil }
            case 13, 16: guard byte == UInt8(ascii: ":") else { return nil }
            default: guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            }
        }
        let fraction = bytes.count > 20 ? bytes[20..<(bytes.count - 1)] : []
        guard bytes.count == 20 || bytes[19] == UInt8(ascii: "."),
            fraction.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { return nil }
        return (bytes[..<19], fraction)
    }

    /// Whether UTC time `a` comes before `b`: by their seconds, then by their fractions as decimals (a missing
    /// digit counts as 0, so `.5` and `.500` are the same time).
    private static func precedes(
        _ a: (seconds: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>),
        _ b: (seconds: ArraySlice<UInt8>, fraction: ArraySlice<UInt8>)
    ) -> Bool {
        if a.seconds != b.seconds { return a.seconds.lexicographicallyPrecedes(b.seconds) }
        let width = max(a.fraction.count, b.fraction.count)
        func padded(_ digits: ArraySlice<UInt8>) -> [UInt8] {
            Array(digits) + Array(repeating: UInt8(ascii: "0"), count: width - digits.count)
        }
        return padded(a.fraction).lexicographicallyPrecedes(padded(b.fraction))
    }

    /// The state as saved.
    public var json: JSON {
        var object: JSONObject = ["seen": .array(seenKeys.map(JSON.string))]
        if let cursor { object["cursor"] = cursor }
        return .object(object)
    }

    /// Reads a saved state; `initialCursor` when nothing was saved.
    public init(json: JSON?, initialCursor: JSON?, keyLimit: Int = 10_000) {
        guard let json else {
            self.init(cursor: initialCursor, keyLimit: keyLimit)
            return
        }
        let keys = json["seen"]?.arrayValue?.compactMap(\.stringValue) ?? []
        self.init(cursor: json["cursor"] ?? initialCursor, seenKeys: keys, keyLimit: keyLimit)
    }
}
