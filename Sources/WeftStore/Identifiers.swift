/// A stored object's id: a short prefix naming its kind (`usr_`, `org_`, `flw_`, `run_`, ...) and random
/// characters. Ids are opaque; only their owner's store gives them meaning.
public struct StoreID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// Wraps an id read from a request or a row.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { rawValue = value }

    /// A new random id with `prefix` (such as `usr`): the prefix, `_` and 20 base-32 characters (100 bits).
    public static func random(_ prefix: String) -> StoreID {
        // Two draws from the system generator (each a system call) give the 100 bits: 5 bits per character.
        var generator = SystemRandomNumberGenerator()
        let high: UInt64 = generator.next()
        let low: UInt64 = generator.next()
        var characters = [UInt8]()
        characters.reserveCapacity(20)
        for index in 0..<20 {
            let bits = index < 12 ? high >> (5 * UInt64(index)) : low >> (5 * UInt64(index - 12))
            characters.append(Self.alphabet[Int(bits & 31)])
        }
        return StoreID(prefix + "_" + String(decoding: characters, as: UTF8.self))
    }

    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    public var description: String { rawValue }

    public static func < (lhs: StoreID, rhs: StoreID) -> Bool { lhs.rawValue < rhs.rawValue }
}
