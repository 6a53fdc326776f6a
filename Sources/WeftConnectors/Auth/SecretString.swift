/// A secret (password, client secret, token, signing key) that does not print itself.
///
/// `description`, `debugDescription` and the mirror all show `********`, so a secret that reaches string
/// interpolation, `print`, `String(describing:)`, `String(reflecting:)`, `dump` or a logger shows the mask,
/// not its content. The content is read only on purpose, through ``reveal()``. The type is deliberately not
/// `Codable` or `Hashable`: encoding a secret or using it as a key has to be spelled out.
///
/// Equality compares the contents in time that does not depend on where they differ.
public struct SecretString: Sendable, Equatable, ExpressibleByStringLiteral {
    /// What every secret prints as.
    public static let mask = "********"

    private let storage: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.storage = value
    }

    /// Wraps a secret written as a literal (tests and examples).
    public init(stringLiteral value: String) {
        self.storage = value
    }

    /// The secret itself. Call it only where the secret is used (signing, a header, a request body).
    public func reveal() -> String {
        storage
    }

    /// The secret's UTF-8 bytes, for use as a key.
    public var utf8Bytes: [UInt8] {
        Array(storage.utf8)
    }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool {
        storage.isEmpty
    }

    /// Compares two secrets without an early exit at the first differing byte.
    public static func == (lhs: SecretString, rhs: SecretString) -> Bool {
        HMACSignature.constantTimeEquals(Array(lhs.storage.utf8), Array(rhs.storage.utf8))
    }
}

extension SecretString: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Always ``mask``.
    public var description: String { Self.mask }

    /// Always ``mask``.
    public var debugDescription: String { Self.mask }

    /// A mirror with no children, so reflection (`dump`, debuggers, loggers) never reaches the content.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: nil)
    }
}
