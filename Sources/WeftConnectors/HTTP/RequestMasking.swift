import Foundation
import WeftRuntime

/// Hides credentials in requests before they are shown: values of secret-looking headers and query parameters,
/// and any occurrence of a known secret value.
public enum RequestMasking {
    /// The mask shown instead of a secret.
    public static let mask = "••••"

    /// A copy of `request` safe to print.
    public static func masked(_ request: HTTPRequest, secrets: [String] = []) -> HTTPRequest {
        var copy = request
        copy.url = maskSecrets(in: URLQuery.redacted(request.url), secrets: secrets)
        copy.headers = request.headers.map { header in
            if SecretNames.isSecret(header.name) && header.name.lowercased() != "idempotency-key" {
                return (header.name, mask)
            }
            return (header.name, maskSecrets(in: header.value, secrets: secrets))
        }
        if let body = request.body {
            copy.body = Array(maskSecrets(in: String(decoding: body, as: UTF8.self), secrets: secrets).utf8)
        }
        return copy
    }

    /// `text` with every occurrence of a secret (of four characters or more) replaced.
    public static func maskSecrets(in text: String, secrets: [String]) -> String {
        var result = text
        for secret in secrets.sorted(by: { $0.count > $1.count }) where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: mask)
        }
        return result
    }
}
