import Crypto
import Foundation
import Testing

@testable import WeftConnectors
@testable import WeftModel

/// `WebhookVerifier` for each scheme (github, shopify, stripe, Standard Webhooks, hmac), with signatures computed
/// here with swift-crypto: a correct signature passes, a changed body or a wrong secret fails, a missing header
/// fails naming the header, a missing or empty secret fails closed, signed timestamps outside the tolerance fail,
/// and no rejection ever shows the secret.
@Suite struct WebhookVerifierTests {
    private static let secret = "s3cr3t-signing-value"
    private static let body = Array(#"{"event":"order.created","id":42}"#.utf8)
    private static let now = Date(timeIntervalSince1970: 1_767_225_600)
    private static let timestamp = "1767225600"

    private typealias Headers = [(name: String, value: String)]

    // MARK: Signing, independently of the code under test

    private static func hmac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    private static func hmac(_ message: [UInt8]) -> [UInt8] { hmac(key: Array(secret.utf8), message) }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    // MARK: Verifying

    private func verifier(
        _ scheme: WebhookScheme, secret: SecretString? = SecretString(secret), header: String? = nil,
        tolerance: Duration = .seconds(300)
    ) -> WebhookVerifier {
        var verification = WebhookVerification()
        verification.scheme = scheme
        verification.secret = "signing_secret"
        verification.header = header
        verification.tolerance = tolerance
        return WebhookVerifier(verification: verification, secret: secret)
    }

    /// The rejection of a request, or `nil` when it passes; checks that the rejection does not show the secret.
    private func rejection(
        _ verifier: WebhookVerifier, _ headers: Headers, body: [UInt8] = body, now: Date = now,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> String? {
        do {
            try verifier.verify(headers: headers, body: body, now: now)
            return nil
        } catch {
            #expect(!error.description.contains(Self.secret), sourceLocation: sourceLocation)
            #expect(!error.reason.contains(Self.secret), sourceLocation: sourceLocation)
            return error.description
        }
    }

    private func passes(
        _ verifier: WebhookVerifier, _ headers: Headers, body: [UInt8] = body, now: Date = now,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> Bool {
        let reason = rejection(verifier, headers, body: body, now: now, sourceLocation: sourceLocation)
        #expect(reason == nil, sourceLocation: sourceLocation)
        return reason == nil
    }

    // MARK: github

    @Test func githubAcceptsTheHexSignatureOfTheBody() {
        let signature = "sha256=" + Self.hex(Self.hmac(Self.body))
        #expect(passes(verifier(.github), [("X-Hub-Signature-256", signature)]))
        #expect(passes(verifier(.github), [("x-hub-signature-256", signature)]), "header names ignore case")
        #expect(
            passes(
                verifier(.github), [("X-Hub-Signature-256", "sha256=" + Self.hex(Self.hmac(Self.body)).uppercased())]))
        #expect(
            passes(
                verifier(.github), [("Content-Type", "application/json"), ("X-Hub-Signature-256", " \(signature) ")]))
    }

    @Test func githubRejectsAChangedBodyAWrongSecretAndAMissingHeader() {
        let signature = "sha256=" + Self.hex(Self.hmac(Self.body))
        let changed = Array(#"{"event":"order.created","id":43}"#.utf8)
        #expect(rejection(verifier(.github), [("X-Hub-Signature-256", signature)], body: changed) != nil)
        #expect(rejection(verifier(.github, secret: "another secret"), [("X-Hub-Signature-256", signature)]) != nil)
        #expect(rejection(verifier(.github), [("X-Hub-Signature", signature)])?.contains("X-Hub-Signature-256") == true)
        #expect(rejection(verifier(.github), [("X-Hub-Signature-256", Self.hex(Self.hmac(Self.body)))]) != nil)
        #expect(rejection(verifier(.github), [("X-Hub-Signature-256", "sha256=")]) != nil)
        #expect(rejection(verifier(.github), [("X-Hub-Signature-256", "sha256=zz")]) != nil)
    }

    // MARK: shopify

    @Test func shopifyAcceptsTheBase64SignatureOfTheBody() {
        let signature = Self.base64(Self.hmac(Self.body))
        #expect(passes(verifier(.shopify), [("X-Shopify-Hmac-Sha256", signature)]))
        #expect(passes(verifier(.shopify), [("x-shopify-hmac-sha256", signature)]))
    }

    @Test func shopifyRejectsAChangedBodyAndAMissingHeader() {
        let signature = Self.base64(Self.hmac(Self.body))
        #expect(rejection(verifier(.shopify), [("X-Shopify-Hmac-Sha256", signature)], body: Self.body + [0x20]) != nil)
        #expect(rejection(verifier(.shopify), [("X-Shopify-Hmac-Sha256", Self.hex(Self.hmac(Self.body)))]) != nil)
        #expect(rejection(verifier(.shopify), [])?.contains("X-Shopify-Hmac-Sha256") == true)
    }

    // MARK: stripe

    private func stripeSignature(_ timestamp: String, body: [UInt8] = body) -> String {
        Self.hex(Self.hmac(Array("\(timestamp).".utf8) + body))
    }

    @Test func stripeAcceptsASignatureOfTheTimestampAndBody() {
        let header = "t=\(Self.timestamp),v1=\(stripeSignature(Self.timestamp))"
        #expect(passes(verifier(.stripe), [("Stripe-Signature", header)]))
        #expect(passes(verifier(.stripe), [("Stripe-Signature", header)], now: Self.now.addingTimeInterval(300)))
        #expect(passes(verifier(.stripe), [("Stripe-Signature", header)], now: Self.now.addingTimeInterval(-300)))
    }

    @Test func stripeAcceptsOneMatchingSignatureAmongSeveral() {
        let wrong = Self.hex(Self.hmac(key: Array("old secret".utf8), Array("\(Self.timestamp).".utf8) + Self.body))
        let header = "t=\(Self.timestamp),v1=\(wrong),v1=\(stripeSignature(Self.timestamp)),v0=abc"
        #expect(passes(verifier(.stripe), [("Stripe-Signature", header)]))
        let spaced = "t=\(Self.timestamp), v1=\(wrong), v1=\(stripeSignature(Self.timestamp))"
        #expect(passes(verifier(.stripe), [("Stripe-Signature", spaced)]))
    }

    @Test func stripeRejectsTimestampsOutsideTheTolerance() {
        let header = "t=\(Self.timestamp),v1=\(stripeSignature(Self.timestamp))"
        let late = rejection(verifier(.stripe), [("Stripe-Signature", header)], now: Self.now.addingTimeInterval(301))
        #expect(late?.contains("tolerance 300 s") == true)
        #expect(
            rejection(verifier(.stripe), [("Stripe-Signature", header)], now: Self.now.addingTimeInterval(-301)) != nil)
        let strict = verifier(.stripe, tolerance: .seconds(10))
        #expect(rejection(strict, [("Stripe-Signature", header)], now: Self.now.addingTimeInterval(11)) != nil)
    }

    @Test func stripeRejectsChangedBodiesTimestampsAndMissingParts() {
        let signature = stripeSignature(Self.timestamp)
        #expect(
            rejection(
                verifier(.stripe), [("Stripe-Signature", "t=\(Self.timestamp),v1=\(signature)")], body: Array("{}".utf8)
            ) != nil)
        // The timestamp is part of what is signed: moving it breaks the signature.
        #expect(rejection(verifier(.stripe), [("Stripe-Signature", "t=1767225601,v1=\(signature)")]) != nil)
        #expect(rejection(verifier(.stripe), [("Stripe-Signature", "v1=\(signature)")])?.contains("t=") == true)
        #expect(rejection(verifier(.stripe), [("Stripe-Signature", "t=\(Self.timestamp)")])?.contains("v1") == true)
        #expect(rejection(verifier(.stripe), [("Stripe-Signature", "t=\(Self.timestamp),v0=\(signature)")]) != nil)
        #expect(rejection(verifier(.stripe), [])?.contains("Stripe-Signature") == true)
    }

    @Test(arguments: ["nan", "inf", "-inf", "1e300", "-1e300", "-9223372036854775808", "0x1p70", "", "soon"])
    func stripeRejectsTimestampsThatAreNoTime(_ timestamp: String) {
        let header = "t=\(timestamp),v1=\(stripeSignature(timestamp))"
        #expect(rejection(verifier(.stripe), [("Stripe-Signature", header)]) != nil)
    }

    // MARK: standard

    private static let standardKey: [UInt8] = Array(0..<32).map { UInt8($0 &* 7 &+ 3) }
    private static let standardSecret = "whsec_" + base64(standardKey)

    private func standardHeaders(id: String = "msg_2Lk", timestamp: String = timestamp, signatures: String) -> Headers {
        [("webhook-id", id), ("webhook-timestamp", timestamp), ("webhook-signature", signatures)]
    }

    private func standardSignature(id: String = "msg_2Lk", timestamp: String = timestamp, key: [UInt8] = standardKey)
        -> String
    {
        "v1," + Self.base64(Self.hmac(key: key, Array("\(id).\(timestamp).".utf8) + Self.body))
    }

    @Test func standardAcceptsAWhsecSecret() {
        let standard = verifier(.standard, secret: SecretString(Self.standardSecret))
        #expect(passes(standard, standardHeaders(signatures: standardSignature())))
        #expect(
            passes(
                standard,
                [
                    ("Webhook-Id", "msg_2Lk"), ("Webhook-Timestamp", Self.timestamp),
                    ("Webhook-Signature", standardSignature()),
                ]))
    }

    @Test func standardUsesAPlainSecretAsItsBytes() {
        let signature = standardSignature(key: Array(Self.secret.utf8))
        #expect(passes(verifier(.standard), standardHeaders(signatures: signature)))
    }

    @Test func standardAcceptsOneMatchingSignatureAmongSeveral() {
        let standard = verifier(.standard, secret: SecretString(Self.standardSecret))
        let old = standardSignature(key: Array(repeating: 1, count: 32))
        #expect(passes(standard, standardHeaders(signatures: "\(old) \(standardSignature())")))
        #expect(passes(standard, standardHeaders(signatures: "v2,abc \(standardSignature())")))
    }

    @Test func standardRejectsChangesOutsideTheSignature() {
        let standard = verifier(.standard, secret: SecretString(Self.standardSecret))
        let signature = standardSignature()
        #expect(rejection(standard, standardHeaders(signatures: signature), body: Array("{}".utf8)) != nil)
        #expect(rejection(standard, standardHeaders(id: "msg_other", signatures: signature)) != nil)
        #expect(rejection(standard, standardHeaders(timestamp: "1767225601", signatures: signature)) != nil)
        #expect(rejection(standard, standardHeaders(signatures: "v2," + signature.dropFirst(3))) != nil)
        // A whsec_ secret is its decoded bytes, not its text.
        let byText = standardSignature(key: Array(Self.standardSecret.utf8))
        #expect(rejection(standard, standardHeaders(signatures: byText)) != nil)
    }

    @Test func standardRejectsTimestampsOutsideTheTolerance() {
        let standard = verifier(.standard, secret: SecretString(Self.standardSecret))
        let headers = standardHeaders(signatures: standardSignature())
        #expect(rejection(standard, headers, now: Self.now.addingTimeInterval(301))?.contains("tolerance") == true)
        #expect(rejection(standard, headers, now: Self.now.addingTimeInterval(-301)) != nil)
        #expect(passes(standard, headers, now: Self.now.addingTimeInterval(299)))
        let text = standardHeaders(timestamp: "yesterday", signatures: standardSignature(timestamp: "yesterday"))
        #expect(rejection(standard, text)?.contains("webhook-timestamp") == true)
    }

    @Test(arguments: ["nan", "inf", "1e300", "-1e300", "9223372036854775807", "1767225600.5e10"])
    func standardRejectsTimestampsThatAreNoTime(_ timestamp: String) {
        let standard = verifier(.standard, secret: SecretString(Self.standardSecret))
        let headers = standardHeaders(timestamp: timestamp, signatures: standardSignature(timestamp: timestamp))
        #expect(rejection(standard, headers) != nil)
    }

    @Test func standardRejectsMissingHeadersNamingThem() {
        let standard = verifier(.standard, secret: SecretString(Self.standardSecret))
        let headers = standardHeaders(signatures: standardSignature())
        for name in ["webhook-id", "webhook-timestamp", "webhook-signature"] {
            let reason = rejection(standard, headers.filter { $0.name != name })
            #expect(reason?.contains(name) == true, "\(name): \(reason ?? "passed")")
        }
    }

    @Test func standardRejectsASecretThatIsNotBase64() {
        let standard = verifier(.standard, secret: "whsec_not*base64!")
        let reason = rejection(standard, standardHeaders(signatures: standardSignature()))
        #expect(reason?.contains("base64") == true)
        #expect(reason?.contains("not*base64") == false)
    }

    // MARK: hmac

    @Test func hmacAcceptsHexPrefixedHexAndBase64() {
        let digest = Self.hmac(Self.body)
        for value in [
            Self.hex(digest), "sha256=" + Self.hex(digest), "SHA256=" + Self.hex(digest), Self.base64(digest),
        ] {
            #expect(passes(verifier(.hmac), [("X-Signature", value)]), "\(value)")
        }
    }

    @Test func hmacReadsTheConfiguredHeader() {
        let custom = verifier(.hmac, header: "X-Acme-Signature")
        let signature = Self.hex(Self.hmac(Self.body))
        #expect(passes(custom, [("x-acme-signature", signature)]))
        #expect(rejection(custom, [("X-Signature", signature)])?.contains("X-Acme-Signature") == true)
        #expect(rejection(verifier(.hmac), [])?.contains(WebhookVerifier.defaultHMACHeader) == true)
    }

    @Test func hmacRejectsAChangedBodyAndGarbage() {
        let signature = Self.hex(Self.hmac(Self.body))
        #expect(rejection(verifier(.hmac), [("X-Signature", signature)], body: []) != nil)
        #expect(rejection(verifier(.hmac), [("X-Signature", "")]) != nil)
        #expect(rejection(verifier(.hmac), [("X-Signature", "not a signature")]) != nil)
        #expect(rejection(verifier(.hmac), [("X-Signature", String(signature.dropLast(2)))]) != nil)
    }

    // MARK: Secrets

    @Test(arguments: WebhookScheme.allCases)
    func failsClosedWithoutASecret(_ scheme: WebhookScheme) {
        // Signed with the empty key, as a sender would with an unset secret: still refused.
        let empty = Self.hmac(key: [], Self.body)
        let headers: Headers = [
            ("X-Hub-Signature-256", "sha256=" + Self.hex(empty)), ("X-Shopify-Hmac-Sha256", Self.base64(empty)),
            (
                "Stripe-Signature",
                "t=\(Self.timestamp),v1=" + Self.hex(Self.hmac(key: [], Array("\(Self.timestamp).".utf8) + Self.body))
            ),
            ("webhook-id", "m"), ("webhook-timestamp", Self.timestamp),
            ("webhook-signature", "v1," + Self.base64(empty)),
            ("X-Signature", Self.hex(empty)),
        ]
        for secret in [nil, SecretString("")] {
            let reason = rejection(verifier(scheme, secret: secret), headers)
            #expect(reason?.contains("signing_secret") == true, "\(reason ?? "passed")")
        }
    }

    @Test(arguments: WebhookScheme.allCases)
    func neverShowsTheSecretInARejection(_ scheme: WebhookScheme) {
        // `rejection` checks each description; these requests carry the secret in every place a careless
        // message might echo.
        let secretHeaders: Headers = [
            ("X-Hub-Signature-256", Self.secret), ("X-Shopify-Hmac-Sha256", Self.secret),
            ("Stripe-Signature", "t=\(Self.secret),v1=\(Self.secret)"), ("webhook-id", Self.secret),
            ("webhook-timestamp", Self.secret), ("webhook-signature", Self.secret), ("X-Signature", Self.secret),
        ]
        for headers in [secretHeaders, []] {
            #expect(rejection(verifier(scheme), headers, body: Array(Self.secret.utf8)) != nil)
            #expect(rejection(verifier(scheme, secret: SecretString("whsec_" + Self.secret)), headers) != nil)
        }
    }
}
