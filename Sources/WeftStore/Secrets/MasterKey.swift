import Crypto
import Foundation

/// The key that wraps every tenant's data key: 32 random bytes that never leave the server process.
///
/// It comes from the environment variable ``environmentVariable`` (the base64 of 32 bytes, for deployments
/// that keep it in a secret manager) or else from a key file in the data directory, created on first start
/// (see `MasterKey+KeyFile.swift`). Keeping it apart from the database means a stolen database or backup holds
/// only ciphertexts and wrapped keys.
///
/// A master key never prints itself: `description`, `debugDescription` and its mirror show only its ``id``, so
/// a key that reaches a log line, `dump` or a debugger stays secret. Its bytes come out only on purpose, through
/// ``revealBase64()``. It is deliberately not `Codable`, `Equatable` or `Hashable`; compare ``id``s instead.
public struct MasterKey: Sendable {
    /// The environment variable the key is read from, before the key file: `WEFT_MASTER_KEY`.
    public static let environmentVariable = "WEFT_MASTER_KEY"
    /// The length of a master key in bytes (AES-256).
    public static let byteCount = 32

    let symmetricKey: SymmetricKey
    /// The key's public id, written in every data key it wraps, so the wrong master key is recognized.
    public let id: KeyID

    /// A master key made of `bytes`, which must be ``byteCount`` random bytes.
    public init(bytes: [UInt8]) throws(SecretError) {
        guard bytes.count == Self.byteCount else {
            throw SecretError(
                .invalidMasterKey, "A master key has \(Self.byteCount) bytes, not \(bytes.count).")
        }
        self.init(symmetricKey: SymmetricKey(data: bytes))
    }

    private init(symmetricKey: SymmetricKey) {
        self.symmetricKey = symmetricKey
        self.id = KeyID(of: symmetricKey)
    }

    /// A new random key from the system's secure random generator.
    public static func generate() -> MasterKey {
        MasterKey(symmetricKey: SymmetricKey(size: .bits256))
    }

    /// The key from ``environmentVariable`` in `environment`, or `nil` when the variable is not set.
    ///
    /// The `weft` command passes its process environment; nothing below it reads the environment itself. A
    /// variable that is set but empty, not base64 or not 32 bytes is an error naming the variable, rather than
    /// a silent fall back to the key file: starting with another key would make every stored secret unreadable.
    /// Surrounding whitespace (a newline from `$(cat file)`) is ignored.
    public init?(environment: [String: String]) throws(SecretError) {
        guard let text = environment[Self.environmentVariable] else { return nil }
        try self.init(base64: text, source: Self.environmentVariable)
    }

    /// Decodes `text` (standard base64 of 32 bytes); `source` names where it came from in error messages. The
    /// text itself never appears in a message: a wrong value may be the right key with a typo.
    init(base64 text: String, source: String) throws(SecretError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let hint =
            "it must be the base64 of \(Self.byteCount) random bytes, such as the output of "
            + "`openssl rand -base64 \(Self.byteCount)`"
        guard !trimmed.isEmpty else {
            throw SecretError(.invalidMasterKey, "\(source) is empty; \(hint).")
        }
        guard let data = Data(base64Encoded: trimmed) else {
            throw SecretError(.invalidMasterKey, "\(source) is not valid base64; \(hint).")
        }
        guard data.count == Self.byteCount else {
            throw SecretError(.invalidMasterKey, "\(source) decodes to \(data.count) bytes; \(hint).")
        }
        self.init(symmetricKey: SymmetricKey(data: data))
    }

    /// The key as standard base64, the form ``environmentVariable`` and the key file take.
    ///
    /// This reveals the key. Call it only to write the key file or to show a new key once to the operator who
    /// asked for it (`weft keys rotate`), never for a log.
    public func revealBase64() -> String {
        symmetricKey.withUnsafeBytes { Data($0) }.base64EncodedString()
    }
}

extension MasterKey: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// `MasterKey(id: …)`: the id only, never the key.
    public var description: String { "MasterKey(id: \(id))" }

    /// The same as ``description``.
    public var debugDescription: String { description }

    /// A mirror showing only the id, so reflection (`dump`, debuggers, loggers) never reaches the key.
    public var customMirror: Mirror {
        Mirror(self, children: ["id": id.description], displayStyle: .struct)
    }
}
