import Crypto

/// HMAC signatures of messages, as hex or base64 text, and a constant-time comparison of signatures.
///
/// OAuth 1.0a signing uses these, and so do the webhook verification schemes (GitHub and Stripe send hex
/// HMAC-SHA256, Shopify base64). Compare a received signature with a computed one only through
/// `constantTimeEquals`, never with `==`, so the time taken does not tell an attacker how many leading
/// characters were right.
public enum HMACSignature {
    /// The hash function inside the HMAC.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// HMAC-SHA256 (RFC 4231).
        case sha256
        /// HMAC-SHA1 (RFC 2202). Still used by OAuth 1.0a and some webhook senders.
        case sha1
    }

    /// The raw HMAC of `message` under `key`.
    public static func digest(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        let symmetricKey = SymmetricKey(data: key)
        switch algorithm {
        case .sha256:
            return Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetricKey))
        case .sha1:
            return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: symmetricKey))
        }
    }

    /// The raw HMAC of the UTF-8 `message` under a secret key.
    public static func digest(_ algorithm: Algorithm, key: SecretString, message: String) -> [UInt8] {
        digest(algorithm, key: key.utf8Bytes, message: Array(message.utf8))
    }

    /// The HMAC of `message` under `key` as lowercase hexadecimal.
    public static func hex(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> String {
        Hex.encode(digest(algorithm, key: key, message: message))
    }

    /// The HMAC of the UTF-8 `message` under a secret key as lowercase hexadecimal.
    public static func hex(_ algorithm: Algorithm, key: SecretString, message: String) -> String {
        Hex.encode(digest(algorithm, key: key, message: message))
    }

    /// The HMAC of `message` under `key` as standard base64 (RFC 4648 §4, with padding).
    public static func base64(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> String {
        Base64.encode(digest(algorithm, key: key, message: message))
    }

    /// The HMAC of the UTF-8 `message` under a secret key as standard base64 (RFC 4648 §4, with padding).
    public static func base64(_ algorithm: Algorithm, key: SecretString, message: String) -> String {
        Base64.encode(digest(algorithm, key: key, message: message))
    }

    /// Whether two byte strings are equal, in time that depends only on their lengths.
    ///
    /// Every byte of the longer one is visited whatever the contents; only the lengths (which are public for a
    /// signature) can be learnt from the timing.
    public static func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        let count = max(lhs.count, rhs.count)
        var difference: UInt8 = lhs.count == rhs.count ? 0 : 1
        var index = 0
        while index < count {
            let left: UInt8 = index < lhs.count ? lhs[index] : 0
            let right: UInt8 = index < rhs.count ? rhs[index] : 0
            difference |= left ^ right
            index += 1
        }
        return difference == 0
    }

    /// Whether two signatures written as text (hex, base64) are equal, comparing their UTF-8 bytes in time that
    /// depends only on their lengths. Hex is compared as written: normalise its case first if the sender's may
    /// differ.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        constantTimeEquals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
