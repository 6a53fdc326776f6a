/// A stored object's id: a short prefix naming its kind (`usr_`, `org_`, `flw_`, `run_`, ...) and random
/// characters. Ids are opaque; only their owner's store gives them meaning.
public struct StoreID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String

    /// Wraps an id read from a request or a row.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { rawValue = value }

    /// A new random id with `prefix` (such as `usr`): the prefix, `_` and 20 base-32 characters (100 bits).
    public static func random(_ prefix: String) -> StoreID {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] }
        return StoreID(prefix + "_" + String(characters))
    }

    public var description: String { rawValue }

    public static func < (lhs: StoreID, rhs: StoreID) -> Bool { lhs.rawValue < rhs.rawValue }
}
