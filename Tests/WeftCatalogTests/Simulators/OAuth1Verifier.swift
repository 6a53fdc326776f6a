import Crypto
import Foundation
import WeftTestSupport

/// Checks an OAuth 1.0a `Authorization` header the way NetSuite does, independently of Weft's signer: the realm,
/// the consumer key and token, the method `HMAC-SHA256`, a nonce not seen before, and the signature recomputed
/// from the request (RFC 5849 §3.4: method, base URI from the `Host` header and path, the query and protocol
/// parameters sorted, the key `consumerSecret&tokenSecret`).
struct OAuth1Verifier: Sendable {
    var realm: String
    var consumerKey: String
    var consumerSecret: String
    var token: String
    var tokenSecret: String

    /// Why a request is refused, or nil when it is signed correctly. `seenNonces` collects the nonces used.
    func problem(with request: RecordedRequest, seenNonces: Shared<Set<String>>) -> String? {
        guard let header = request.header("Authorization"), header.hasPrefix("OAuth ") else {
            return "no OAuth Authorization header"
        }
        let fields = Self.parse(String(header.dropFirst("OAuth ".count)))
        guard fields["realm"] == realm else { return "wrong realm \(fields["realm"] ?? "none")" }
        guard fields["oauth_consumer_key"] == consumerKey else { return "unknown consumer key" }
        guard fields["oauth_token"] == token else { return "unknown token" }
        guard fields["oauth_signature_method"] == "HMAC-SHA256" else { return "signature method is not HMAC-SHA256" }
        guard fields["oauth_version"] == nil || fields["oauth_version"] == "1.0" else { return "wrong version" }
        guard let nonce = fields["oauth_nonce"], nonce.count >= 6, let timestamp = fields["oauth_timestamp"],
            Int(timestamp) != nil, let signature = fields["oauth_signature"]
        else { return "missing nonce, timestamp or signature" }
        guard seenNonces.update({ $0.insert(nonce + "@" + timestamp).inserted }) else { return "nonce used twice" }

        var parameters: [(String, String)] = []
        if let question = request.uri.firstIndex(of: "?") {
            for pair in request.uri[request.uri.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
                parameters.append((name, value))
            }
        }
        for (name, value) in fields where name.hasPrefix("oauth_") && name != "oauth_signature" {
            parameters.append((name, value))
        }
        let encoded: [(name: String, value: String)] = parameters.map { (Self.encode($0.0), Self.encode($0.1)) }
        let sorted = encoded.sorted { left, right in
            left.name == right.name ? left.value < right.value : left.name < right.name
        }
        let normalized = sorted.map { $0.name + "=" + $0.value }.joined(separator: "&")
        let baseURI = "http://" + (request.header("Host") ?? "").lowercased() + request.path
        let baseString = [request.method.uppercased(), Self.encode(baseURI), Self.encode(normalized)]
            .joined(separator: "&")
        let key = SymmetricKey(data: Array((Self.encode(consumerSecret) + "&" + Self.encode(tokenSecret)).utf8))
        let expected = Data(HMAC<SHA256>.authenticationCode(for: Array(baseString.utf8), using: key))
            .base64EncodedString()
        return expected == signature ? nil : "signature mismatch"
    }

    /// The `name="value"` pairs of the header, percent-decoded.
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for part in text.split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            fields[String(pair[0])] = value.removingPercentEncoding ?? value
        }
        return fields
    }

    /// RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - . _ ~`.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }
}
