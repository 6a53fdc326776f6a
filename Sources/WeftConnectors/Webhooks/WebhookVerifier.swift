import Foundation
import WeftModel

/// Checks that a webhook request was signed by its provider, by the provider's scheme:
///
/// - `github`: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
/// - `shopify`: `X-Shopify-Hmac-Sha256: <base64 HMAC-SHA256 of the body>`.
/// - `stripe`: `Stripe-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">` (several `v1` allowed while a
///   secret is rolled), the time within the tolerance.
/// - `standard` (Standard Webhooks): `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>` (a
///   space-separated list), signing `id.timestamp.body` with the secret's bytes (a `whsec_` secret is base64).
/// - `hmac`: the configured header (`X-Signature` by default) holding the HMAC-SHA256 of the body in hex
///   (optionally `sha256=`-prefixed) or base64.
///
/// A missing secret fails closed: every request is refused. Signatures are compared in constant time.
public struct WebhookVerifier: Sendable {
    public let verification: WebhookVerification
    private let secret: SecretString?

    /// Creates a verifier; `secret` is the resolved value of `verification.secret`, `nil` when none was found.
    public init(verification: WebhookVerification, secret: SecretString?) {
        self.verification = verification
        self.secret = secret
    }

    /// The header `hmac` reads when none is configured.
    public static let defaultHMACHeader = "X-Signature"

    /// Checks one request; `headers` are matched case-insensitively.
    public func verify(headers: [(name: String, value: String)], body: [UInt8], now: Date) throws(WebhookRejection) {
        guard let secret, !secret.isEmpty else {
            throw WebhookRejection("no secret `\(verification.secret)` is configured, so no request can be verified")
        }
        func header(_ name: String) throws(WebhookRejection) -> String {
            guard let value = headers.first(where: { $0.name.lowercased() == name.lowercased() })?.value else {
                throw WebhookRejection("the `\(name)` header is missing")
            }
            return value.trimmingCharacters(in: .whitespaces)
        }
        switch verification.scheme {
        case .github:
            let signature = try header("X-Hub-Signature-256")
            guard signature.hasPrefix("sha256=") else { throw WebhookRejection("the signature is not `sha256=...`") }
            try expect(hex: String(signature.dropFirst(7)), key: secret.utf8Bytes, message: body)
        case .shopify:
            try expect(base64: try header("X-Shopify-Hmac-Sha256"), key: secret.utf8Bytes, message: body)
        case .stripe:
            try verifyStripe(try header("Stripe-Signature"), key: secret.utf8Bytes, body: body, now: now)
        case .standard:
            try verifyStandard(
                id: try header("webhook-id"), timestamp: try header("webhook-timestamp"),
                signatures: try header("webhook-signature"), secret: secret, body: body, now: now)
        case .hmac:
            var signature = try header(verification.header ?? Self.defaultHMACHeader)
            if signature.lowercased().hasPrefix("sha256=") { signature = String(signature.dropFirst(7)) }
            let expected = HMACSignature.digest(.sha256, key: secret.utf8Bytes, message: body)
            guard let given = Hex.decode(signature) ?? Base64.decode(signature),
                HMACSignature.constantTimeEquals(given, expected)
            else { throw WebhookRejection("the signature does not match") }
        }
    }

    private func expect(hex signature: String, key: [UInt8], message: [UInt8]) throws(WebhookRejection) {
        guard let given = Hex.decode(signature),
            HMACSignature.constantTimeEquals(given, HMACSignature.digest(.sha256, key: key, message: message))
        else { throw WebhookRejection("the signature does not match") }
    }

    private func expect(base64 signature: String, key: [UInt8], message: [UInt8]) throws(WebhookRejection) {
        guard let given = Base64.decode(signature),
            HMACSignature.constantTimeEquals(given, HMACSignature.digest(.sha256, key: key, message: message))
        else { throw WebhookRejection("the signature does not match") }
    }

    private func verifyStripe(_ header: String, key: [UInt8], body: [UInt8], now: Date) throws(WebhookRejection) {
        var timestamp: String?
        var signatures: [String] = []
        for part in header.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            if pair[0] == "t" { timestamp = pair[1] }
            if pair[0] == "v1" { signatures.append(pair[1]) }
        }
        guard let timestamp, let seconds = Double(timestamp) else {
            throw WebhookRejection("the signature has no timestamp `t=`")
        }
        try checkAge(seconds: seconds, now: now)
        let expected = HMACSignature.digest(.sha256, key: key, message: Array("\(timestamp).".utf8) + body)
        guard
            signatures.contains(where: {
                Hex.decode($0).map { HMACSignature.constantTimeEquals($0, expected) } ?? false
            })
        else { throw WebhookRejection("no `v1` signature matches") }
    }

    private func verifyStandard(
        id: String, timestamp: String, signatures: String, secret: SecretString, body: [UInt8], now: Date
    ) throws(WebhookRejection) {
        guard let seconds = Double(timestamp) else { throw WebhookRejection("`webhook-timestamp` is not a number") }
        try checkAge(seconds: seconds, now: now)
        let text = secret.reveal()
        let key = text.hasPrefix("whsec_") ? Base64.decode(String(text.dropFirst(6))) : Array(text.utf8)
        guard let key else { throw WebhookRejection("the secret is not valid base64 after `whsec_`") }
        let expected = HMACSignature.digest(.sha256, key: key, message: Array("\(id).\(timestamp).".utf8) + body)
        let matches = signatures.split(separator: " ").contains { entry in
            let parts = entry.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1", let given = Base64.decode(String(parts[1])) else { return false }
            return HMACSignature.constantTimeEquals(given, expected)
        }
        guard matches else { throw WebhookRejection("no `v1` signature matches") }
    }

    private func checkAge(seconds: Double, now: Date) throws(WebhookRejection) {
        // A sender chooses the timestamp: `nan`, `inf` and `1e300` are text it can send, and none is a time.
        guard seconds.isFinite else { throw WebhookRejection("the signed timestamp is not a time") }
        let age = abs(now.timeIntervalSince1970 - seconds)
        let tolerance = Double(verification.tolerance.components.seconds)
        guard age <= tolerance else {
            let distance = age < 1e12 ? "\(Int(age)) s" : "more than 10^12 s"
            throw WebhookRejection(
                "the signed timestamp is \(distance) away from now (tolerance \(Int(tolerance)) s)")
        }
    }
}

/// Why a webhook request was refused. The reason is safe to show the caller: it names headers, never secrets.
public struct WebhookRejection: Error, Sendable, CustomStringConvertible {
    public var reason: String

    /// Creates a rejection.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { reason }
}
