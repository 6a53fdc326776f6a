/// Signs HTTP requests with OAuth 1.0a (RFC 5849), as NetSuite's token-based authentication (TBA) uses it.
///
/// The signer is a plain value holding the credentials; each call signs one request and returns the value of
/// its `Authorization` header:
///
/// ```swift
/// let signer = OAuth1Signer(
///     consumerKey: key, consumerSecret: consumerSecret, tokenID: tokenID, tokenSecret: tokenSecret,
///     realm: OAuth1Signer.netSuiteRealm(accountID: "1234567-sb1"))
/// let header = try signer.authorizationHeader(
///     method: "GET", url: "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=5",
///     nonce: OAuth1Signer.makeNonce(), timestamp: secondsSinceEpoch)
/// // OAuth realm="1234567_SB1", oauth_consumer_key="...", oauth_token="...", oauth_signature_method="HMAC-SHA256", ...
/// ```
///
/// Signing follows RFC 5849 §3.4 exactly: the base string URI keeps scheme, host (both lowercased), a
/// non-default port and the path, but no query or fragment (§3.4.1.2); the query parameters of the URL, the
/// form-encoded body parameters and the protocol parameters (without `realm` and `oauth_signature`) are
/// percent-encoded with the RFC 3986 unreserved set, sorted by name and then by value, and joined (§3.4.1.3);
/// the key is `encode(consumer secret)&encode(token secret)` (§3.4.2). The nonce and the timestamp are passed
/// in, so that a signature can be reproduced in tests; ``makeNonce()`` makes a fresh nonce for real requests.
public struct OAuth1Signer: Sendable {
    /// The signature method: HMAC over SHA-256 (NetSuite's, the default) or SHA-1 (RFC 5849 §3.4.2).
    public enum SignatureMethod: String, Sendable, Hashable, CaseIterable {
        /// `HMAC-SHA256`, which NetSuite requires.
        case hmacSHA256 = "HMAC-SHA256"
        /// `HMAC-SHA1`, RFC 5849's own method.
        case hmacSHA1 = "HMAC-SHA1"

        var algorithm: HMACSignature.Algorithm {
            switch self {
            case .hmacSHA256: return .sha256
            case .hmacSHA1: return .sha1
            }
        }
    }

    /// The consumer (client) key: `oauth_consumer_key`.
    public var consumerKey: String
    /// The consumer (client) secret, the first half of the signing key.
    public var consumerSecret: SecretString
    /// The token id: `oauth_token`. Left out of the request when empty (a request with no resource owner).
    public var tokenID: String
    /// The token secret, the second half of the signing key.
    public var tokenSecret: SecretString
    /// The `realm` of the header, or `nil` for none. For NetSuite, the account id (see ``netSuiteRealm(accountID:)``).
    public var realm: String?
    /// The signature method.
    public var signatureMethod: SignatureMethod
    /// Whether to send `oauth_version="1.0"` (optional in RFC 5849, sent by NetSuite's own examples).
    public var includesVersion: Bool

    /// Creates a signer.
    public init(
        consumerKey: String,
        consumerSecret: SecretString,
        tokenID: String,
        tokenSecret: SecretString,
        realm: String? = nil,
        signatureMethod: SignatureMethod = .hmacSHA256,
        includesVersion: Bool = true
    ) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.tokenID = tokenID
        self.tokenSecret = tokenSecret
        self.realm = realm
        self.signatureMethod = signatureMethod
        self.includesVersion = includesVersion
    }

    /// The `Authorization` header value for a request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method; uppercased for signing.
    ///   - url: the absolute `http`/`https` URL as sent, query included and already percent-encoded.
    ///   - bodyParameters: the decoded parameters of an `application/x-www-form-urlencoded` body, which RFC 5849
    ///     signs too; leave empty for any other body (JSON, XML), which is not signed.
    ///   - nonce: a fresh random string for every request (``makeNonce()``).
    ///   - timestamp: seconds since the Unix epoch.
    /// - Throws: ``AuthError`` with code ``AuthError/Code/invalidURL`` when `url` is not an absolute
    ///   `http`/`https` URL.
    public func authorizationHeader(
        method: String,
        url: String,
        bodyParameters: [(name: String, value: String)] = [],
        nonce: String,
        timestamp: Int64
    ) throws(AuthError) -> String {
        let baseString = try signatureBaseString(
            method: method, url: url, bodyParameters: bodyParameters, nonce: nonce, timestamp: timestamp)
        var fields: [(String, String)] = []
        if let realm { fields.append(("realm", realm)) }
        fields += protocolParameters(nonce: nonce, timestamp: timestamp)
        fields.append(("oauth_signature", signature(forBaseString: baseString)))
        let rendered = fields.map { "\(PercentEncoding.encode($0.0))=\"\(PercentEncoding.encode($0.1))\"" }
        return "OAuth " + rendered.joined(separator: ", ")
    }

    /// The `Authorization` header value for a request whose body is the `application/x-www-form-urlencoded`
    /// text `formBody`, whose parameters are signed with the rest.
    public func authorizationHeader(
        method: String,
        url: String,
        formBody: String,
        nonce: String,
        timestamp: Int64
    ) throws(AuthError) -> String {
        try authorizationHeader(
            method: method, url: url, bodyParameters: PercentEncoding.parseFormText(formBody[...]), nonce: nonce,
            timestamp: timestamp)
    }

    /// The signature base string of RFC 5849 §3.4.1: `METHOD&encode(base string URI)&encode(parameters)`.
    ///
    /// Exposed to explain a rejected signature: compare it with the one the server reports.
    public func signatureBaseString(
        method: String,
        url: String,
        bodyParameters: [(name: String, value: String)] = [],
        nonce: String,
        timestamp: Int64
    ) throws(AuthError) -> String {
        guard let parts = HTTPURLParts(url) else {
            throw AuthError(code: .invalidURL, message: "the URL to sign is not an absolute http or https URL")
        }
        var encoded: [(name: String, value: String)] = []
        if let query = parts.query {
            for pair in PercentEncoding.parseForm(query) {
                encoded.append((PercentEncoding.encode(pair.name), PercentEncoding.encode(pair.value)))
            }
        }
        for pair in bodyParameters {
            encoded.append((PercentEncoding.encode(pair.name), PercentEncoding.encode(pair.value)))
        }
        encoded.removeAll { $0.name == "oauth_signature" }
        for pair in protocolParameters(nonce: nonce, timestamp: timestamp) {
            encoded.append((PercentEncoding.encode(pair.0), PercentEncoding.encode(pair.1)))
        }
        encoded.sort { left, right in
            if left.name != right.name { return left.name.utf8.lexicographicallyPrecedes(right.name.utf8) }
            return left.value.utf8.lexicographicallyPrecedes(right.value.utf8)
        }
        let normalized = encoded.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return [method.uppercased(), PercentEncoding.encode(parts.baseStringURI), PercentEncoding.encode(normalized)]
            .joined(separator: "&")
    }

    /// The base64 signature of a base string under `encode(consumer secret)&encode(token secret)`
    /// (RFC 5849 §3.4.2), not yet percent-encoded for the header.
    public func signature(forBaseString baseString: String) -> String {
        let key =
            PercentEncoding.encode(consumerSecret.reveal()) + "&" + PercentEncoding.encode(tokenSecret.reveal())
        return HMACSignature.base64(
            signatureMethod.algorithm, key: Array(key.utf8), message: Array(baseString.utf8))
    }

    /// The protocol parameters that are signed, in the order the header lists them.
    private func protocolParameters(nonce: String, timestamp: Int64) -> [(String, String)] {
        var parameters = [("oauth_consumer_key", consumerKey)]
        if !tokenID.isEmpty { parameters.append(("oauth_token", tokenID)) }
        parameters.append(("oauth_signature_method", signatureMethod.rawValue))
        parameters.append(("oauth_timestamp", String(timestamp)))
        parameters.append(("oauth_nonce", nonce))
        if includesVersion { parameters.append(("oauth_version", "1.0")) }
        return parameters
    }
}

extension OAuth1Signer {
    private static let nonceAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A random alphanumeric nonce of `length` characters (NetSuite wants at least 6; 32 by default), from the
    /// system's cryptographically secure generator.
    public static func makeNonce(length: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return makeNonce(length: length, using: &generator)
    }

    /// A random alphanumeric nonce of `length` characters from `generator`.
    public static func makeNonce(length: Int = 32, using generator: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        for _ in 0..<max(0, length) {
            bytes.append(nonceAlphabet[Int.random(in: 0..<nonceAlphabet.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// NetSuite's realm for an account id: uppercase, with `_` where the account's host name has `-`
    /// (`1234567-sb1` and `1234567_sb1` both give `1234567_SB1`).
    public static func netSuiteRealm(accountID: String) -> String {
        String(accountID.uppercased().map { $0 == "-" ? "_" : $0 })
    }
}
