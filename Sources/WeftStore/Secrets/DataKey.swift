import Crypto

/// One tenant's data key: 32 random bytes that encrypt the tenant's secrets, stored only wrapped by the master
/// key.
///
/// A key per tenant limits what one key can expose, and lets the master key rotate by rewrapping one small key
/// per tenant instead of re-encrypting every secret. Like ``MasterKey`` it never prints itself.
struct DataKey: Sendable {
    /// The length of a data key in bytes (AES-256).
    static let byteCount = 32

    let symmetricKey: SymmetricKey
    /// The id written in every secret this key seals.
    let id: KeyID

    init(symmetricKey: SymmetricKey) {
        self.symmetricKey = symmetricKey
        self.id = KeyID(of: symmetricKey)
    }

    /// A new random key from the system's secure random generator.
    static func generate() -> DataKey {
        DataKey(symmetricKey: SymmetricKey(size: .bits256))
    }
}

extension DataKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `DataKey(id: …)`: the id only, never the key.
    var description: String { "DataKey(id: \(id))" }

    /// The same as ``description``.
    var debugDescription: String { description }

    /// A mirror showing only the id.
    var customMirror: Mirror {
        Mirror(self, children: ["id": id.description], displayStyle: .struct)
    }
}
