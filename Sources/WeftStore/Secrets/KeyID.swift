import Crypto

/// A short, public name of a key: the first 8 bytes of a domain-separated SHA-256 of the key.
///
/// Every envelope carries the id of the key that sealed it, so a value sealed by another key (another master
/// key after a botched rotation, another tenant's data key) is recognized as such before decryption is tried
/// and reported as what it is, instead of as damage. The id is a one-way hash of 256 random bits, so showing it
/// in logs and error messages reveals nothing usable about the key.
public struct KeyID: Sendable, Hashable, CustomStringConvertible {
    /// The number of bytes of an id in an envelope.
    public static let byteCount = 8

    /// The id's bytes, as they appear in an envelope.
    public let bytes: [UInt8]

    /// Reads an id from an envelope; `bytes` must hold ``byteCount`` bytes.
    init(bytes: some Collection<UInt8>) {
        precondition(bytes.count == Self.byteCount, "a key id has \(Self.byteCount) bytes")
        self.bytes = Array(bytes)
    }

    /// The id of `key`. The label keeps it apart from any other hash of the same bytes.
    init(of key: SymmetricKey) {
        var hasher = SHA256()
        hasher.update(data: Array("weft key id v1".utf8) + [0])
        key.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        self.init(bytes: Array(hasher.finalize()).prefix(Self.byteCount))
    }

    /// Lowercase hexadecimal, 16 characters.
    public var description: String {
        let digits = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
