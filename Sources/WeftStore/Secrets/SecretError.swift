/// Why a secret, a data key or the master key could not be used.
///
/// The message is safe to show and to log: it never contains key bytes, a key's base64 text (not even a wrong
/// one, which may be the right key with a typo), a plaintext or a ciphertext. It names the environment variable
/// or key file an operator has to fix, a tenant's id, and key ids (``KeyID``), which identify a key without
/// revealing it.
public struct SecretError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, to match on.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidMasterKey = "invalid master key"
            case insecureKeyFile = "insecure key file"
            case keyFileUnavailable = "key file unavailable"
            case wrongMasterKey = "wrong master key"
            case unsupportedVersion = "unsupported envelope version"
            case malformed = "malformed envelope"
            case authenticationFailed = "authentication failed"
            case storeFailed = "store failed"
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The master key given (environment variable or key file) is not the base64 of 32 bytes.
        public static let invalidMasterKey = Code(.invalidMasterKey)
        /// The key file can be read or written by users other than its owner, so it is not used.
        public static let insecureKeyFile = Code(.insecureKeyFile)
        /// The key file could not be read or created (a missing directory, permissions, a full disk).
        public static let keyFileUnavailable = Code(.keyFileUnavailable)
        /// A data key was wrapped by another master key than the one this server has.
        public static let wrongMasterKey = Code(.wrongMasterKey)
        /// The value was sealed in an envelope format this version of Weft does not read.
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The value is not an envelope of the expected kind (too short, or another kind of envelope).
        public static let malformed = Code(.malformed)
        /// The value was altered, or was sealed for another tenant, row or data key.
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The store failed while reading or writing a wrapped data key.
        public static let storeFailed = Code(.storeFailed)

        public var description: String { base.rawValue }
    }

    /// The kind of problem.
    public let code: Code
    /// What went wrong, for a person. Never contains key material or a secret.
    public let message: String

    /// Creates an error. `message` must not contain key material or a secret.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
