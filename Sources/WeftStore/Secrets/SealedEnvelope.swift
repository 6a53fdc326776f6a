import Crypto
import Foundation

/// The byte format of everything Weft seals: secrets under a tenant's data key, and data keys under the master
/// key.
///
/// ```
/// offset  size  field
///      0     1  format version (1)
///      1     1  kind: 1 = secret, 2 = wrapped data key
///      2     8  key id (KeyID) of the key that sealed it: the data key for a secret, the master key for a data key
///     10    12  AES-GCM nonce, random
///     22     n  AES-256-GCM ciphertext (as long as the plaintext)
///   22+n    16  AES-GCM tag
/// ```
///
/// The version comes first so that a later format can be told apart and read alongside this one; the key id
/// names the key needed, so keys can rotate and a wrong key is reported as such. The first 10 bytes (the
/// header) are authenticated along with the caller's context (``EnvelopeContext``): changing the version, the
/// kind or the key id fails authentication like changing the ciphertext does.
struct SealedEnvelope {
    /// What an envelope holds; a value of one kind is never accepted as the other.
    enum Kind: UInt8 {
        case secret = 1
        case wrappedDataKey = 2

        var noun: String {
            switch self {
            case .secret: "sealed secret"
            case .wrappedDataKey: "wrapped data key"
            }
        }
    }

    /// The only version written and read today.
    static let currentVersion: UInt8 = 1
    static let headerLength = 2 + KeyID.byteCount
    static let nonceLength = 12
    static let tagLength = 16
    /// The bytes an envelope adds to its plaintext.
    static let overhead = headerLength + nonceLength + tagLength

    let kind: Kind
    let keyID: KeyID
    private let body: [UInt8]

    /// Reads an envelope, checking its length, version and kind; nothing is decrypted yet.
    init(parsing bytes: [UInt8], expecting kind: Kind) throws(SecretError) {
        guard let version = bytes.first else {
            throw SecretError(.malformed, "The \(kind.noun) is empty.")
        }
        guard version == Self.currentVersion else {
            throw SecretError(
                .unsupportedVersion,
                "The \(kind.noun) uses envelope format version \(version); this version of Weft reads version "
                    + "\(Self.currentVersion)."
            )
        }
        guard bytes.count >= Self.overhead else {
            throw SecretError(.malformed, "The \(kind.noun) is too short to be a Weft envelope.")
        }
        guard bytes[1] == kind.rawValue else {
            let found = Kind(rawValue: bytes[1]).map { "a \($0.noun)" } ?? "an envelope of an unknown kind"
            throw SecretError(.malformed, "Expected a \(kind.noun), found \(found).")
        }
        self.kind = kind
        self.keyID = KeyID(bytes: bytes[2..<Self.headerLength])
        self.body = Array(bytes[Self.headerLength...])
    }

    /// Seals `plaintext` under `key` with a fresh random nonce.
    static func seal(
        _ plaintext: some DataProtocol, kind: Kind, key: SymmetricKey, keyID: KeyID, context: EnvelopeContext
    ) throws(SecretError) -> [UInt8] {
        let header = [currentVersion, kind.rawValue] + keyID.bytes
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(
                plaintext, using: key, nonce: AES.GCM.Nonce(), authenticating: header + context.bytes)
        } catch {
            // Sealing fails only on impossible inputs (a key that is not 256 bits is never built here).
            throw SecretError(.malformed, "The \(kind.noun) could not be sealed.")
        }
        var envelope = header
        envelope.reserveCapacity(overhead + plaintext.count)
        envelope.append(contentsOf: box.nonce)
        envelope.append(contentsOf: box.ciphertext)
        envelope.append(contentsOf: box.tag)
        return envelope
    }

    /// Decrypts and authenticates the envelope under `key` for `context`. Whatever was wrong (altered bytes,
    /// another context, another key) fails the same way, with `failure`: AES-GCM cannot tell those apart, and
    /// a caller learns nothing about the plaintext either way.
    func open(using key: SymmetricKey, context: EnvelopeContext, failure: SecretError) throws(SecretError) -> [UInt8] {
        let header = [Self.currentVersion, kind.rawValue] + keyID.bytes
        do {
            let box = try AES.GCM.SealedBox(combined: body)
            return Array(try AES.GCM.open(box, using: key, authenticating: header + context.bytes))
        } catch {
            throw failure
        }
    }
}
