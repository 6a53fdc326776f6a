import Testing

@testable import WeftConnectors

@Suite struct OAuth1SignerTests {
    /// The client and token credentials of RFC 5849's examples (§1.2 and §3.1).
    static let rfcSigner = OAuth1Signer(
        consumerKey: "9djdj82h48djs9d2", consumerSecret: "j49sk3j29djd", tokenID: "kkk9d7dh3k39sjv7",
        tokenSecret: "dh893hdasih9", realm: "Example", signatureMethod: .hmacSHA1, includesVersion: false)

    /// RFC 5849 §3.4.1.1: the request and the signature base string as published.
    @Test func rfc5849BaseString() throws {
        let baseString = try Self.rfcSigner.signatureBaseString(
            method: "POST", url: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
            bodyParameters: PercentEncoding.parseFormText("c2&a3=2+q"), nonce: "7d8f3e4a", timestamp: 137_131_201)
        let published =
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q"
            + "%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_"
            + "key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_m"
            + "ethod%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk"
            + "9d7dh3k39sjv7"
        #expect(baseString == published)
    }

    /// RFC 5849 §3.4.1.1 signed with the credentials of §3.1. The RFC prints `bYT5CMsGcbgUdFHObYMEfcx6bsw=`,
    /// which no HMAC-SHA1 of its base string under those credentials gives; verified erratum 2550 corrects it to
    /// `r6/TJjbCOr97/+UU0NsvSne7s5g=`, which Python's hmac gives as well.
    @Test func rfc5849Signature() throws {
        let header = try Self.rfcSigner.authorizationHeader(
            method: "POST", url: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
            formBody: "c2&a3=2+q", nonce: "7d8f3e4a", timestamp: 137_131_201)
        #expect(
            header
                == "OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", "
                + "oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\", "
                + "oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\", "
                + "oauth_signature=\"r6%2FTJjbCOr97%2F%2BUU0NsvSne7s5g%3D\"")
    }

    @Test func rfc5849SignatureOfPublishedBaseString() {
        let published =
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D"
            + "%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a"
            + "%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7"
        #expect(Self.rfcSigner.signature(forBaseString: published) == "r6/TJjbCOr97/+UU0NsvSne7s5g=")
    }

    static let netSuiteSigner = OAuth1Signer(
        consumerKey: "ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4",
        consumerSecret: "d26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9a8b5",
        tokenID: "2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc",
        tokenSecret: "c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8fea1fb8ffd1d4f13",
        realm: OAuth1Signer.netSuiteRealm(accountID: "1234567-sb1"))

    /// A NetSuite REST request signed with HMAC-SHA256. Expected values computed independently with Python
    /// (`urllib.parse.quote(s, safe='~')`, `hmac`, `hashlib.sha256`, `base64`): the host's case and the default
    /// port are normalised, `limit` is repeated (sorted by value: `10` before `5`), `expand` has no value, `q`
    /// has spaces, quotes, an encoded `+` and `é`.
    @Test func netSuiteHMACSHA256() throws {
        let url =
            "https://1234567-SB1.SuiteTalk.API.NetSuite.com:443/services/rest/record/v1/customer"
            + "?limit=5&q=companyName%20START_WITH%20%22Caf%C3%A9%2BCo%22&expand&limit=10"
        let baseString = try Self.netSuiteSigner.signatureBaseString(
            method: "get", url: url, nonce: "fjaLirsIcCGVZWzBX0pg", timestamp: 1_508_242_306)
        #expect(
            baseString
                == "GET&https%3A%2F%2F1234567-sb1.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2F"
                + "customer&expand%3D%26limit%3D10%26limit%3D5%26oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5"
                + "e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_meth"
                + "od%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b"
                + "7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0%26q%3DcompanyName%2520START_WITH%2520%25"
                + "22Caf%25C3%25A9%252BCo%2522")
        let header = try Self.netSuiteSigner.authorizationHeader(
            method: "get", url: url, nonce: "fjaLirsIcCGVZWzBX0pg", timestamp: 1_508_242_306)
        #expect(
            header
                == "OAuth realm=\"1234567_SB1\", "
                + "oauth_consumer_key=\"ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4\", "
                + "oauth_token=\"2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc\", "
                + "oauth_signature_method=\"HMAC-SHA256\", oauth_timestamp=\"1508242306\", "
                + "oauth_nonce=\"fjaLirsIcCGVZWzBX0pg\", oauth_version=\"1.0\", "
                + "oauth_signature=\"%2F%2FvCzxRomDVGd7z6khLFRAQfq0wLYPz9DWYWRIWC7W4%3D\"")
    }

    @Test func signingIsDeterministicAndDependsOnEveryInput() throws {
        let signer = Self.netSuiteSigner
        let url = "https://example.com/a?b=c"
        let reference = try signer.authorizationHeader(method: "GET", url: url, nonce: "n", timestamp: 1)
        #expect(try signer.authorizationHeader(method: "GET", url: url, nonce: "n", timestamp: 1) == reference)
        #expect(try signer.authorizationHeader(method: "POST", url: url, nonce: "n", timestamp: 1) != reference)
        #expect(try signer.authorizationHeader(method: "GET", url: url, nonce: "m", timestamp: 1) != reference)
        #expect(try signer.authorizationHeader(method: "GET", url: url, nonce: "n", timestamp: 2) != reference)
        #expect(
            try signer.authorizationHeader(method: "GET", url: url + "&d=e", nonce: "n", timestamp: 1) != reference)
        var other = signer
        other.tokenSecret = "another"
        #expect(try other.authorizationHeader(method: "GET", url: url, nonce: "n", timestamp: 1) != reference)
    }

    @Test(arguments: [
        ("http://Example.COM:80/r", "http://example.com/r"),
        ("https://example.com:443/r", "https://example.com/r"),
        ("HTTPS://example.com:8443/r", "https://example.com:8443/r"),
        ("http://example.com:443/r", "http://example.com:443/r"),
        ("https://example.com:80/r", "https://example.com:80/r"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com?x=1", "https://example.com/"),
        ("https://example.com/a/b?x=1#frag", "https://example.com/a/b"),
        ("https://user:pw@example.com/r", "https://example.com/r"),
        ("https://[2001:DB8::1]:443/r", "https://[2001:db8::1]/r"),
        ("https://[2001:db8::1]:8080/r", "https://[2001:db8::1]:8080/r"),
        ("https://example.com/Path%20With/Case", "https://example.com/Path%20With/Case"),
    ])
    func baseStringURI(url: String, expected: String) {
        #expect(HTTPURLParts(url)?.baseStringURI == expected)
    }

    @Test(arguments: [
        "", "example.com/r", "ftp://example.com/r", "https:///r", "https://example.com:port/r",
        "https://example.com:99999/r", "https://[::1/r",
    ])
    func rejectsURLsThatCannotBeSigned(url: String) {
        #expect(throws: AuthError.self) {
            try Self.netSuiteSigner.authorizationHeader(method: "GET", url: url, nonce: "n", timestamp: 1)
        }
        do {
            _ = try Self.netSuiteSigner.authorizationHeader(method: "GET", url: url, nonce: "n", timestamp: 1)
        } catch {
            #expect(error.code == .invalidURL)
        }
    }

    /// The parameter part of the base string (after the second `&`), decoded once, for readable expectations.
    func normalizedParameters(url: String, body: [(name: String, value: String)] = []) throws -> String {
        let signer = OAuth1Signer(
            consumerKey: "k", consumerSecret: "s", tokenID: "", tokenSecret: "", signatureMethod: .hmacSHA1,
            includesVersion: false)
        let baseString = try signer.signatureBaseString(
            method: "GET", url: url, bodyParameters: body, nonce: "n", timestamp: 1)
        let parts = baseString.split(separator: "&", omittingEmptySubsequences: false)
        let decoded = PercentEncoding.formDecode(ArraySlice(parts[2].utf8))
        let all = String(decoding: decoded, as: UTF8.self)
        let oauth = "oauth_consumer_key=k&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1"
        return all.replacing(oauth, with: "*")
    }

    @Test func encodingEdgeCases() throws {
        // A space written `+` or `%20` in a query is a space, encoded `%20`; an encoded `+` stays `+`, `%2B`.
        #expect(try normalizedParameters(url: "https://e.com/?a=x+y&b=x%20y&c=x%2By") == "a=x%20y&b=x%20y&c=x%2By&*")
        // `~` and the other unreserved characters are never encoded; `*`, `!`, `'` and `/` always are.
        #expect(
            try normalizedParameters(url: "https://e.com/?a=-._~&b=*!'()/:")
                == "a=-._~&b=%2A%21%27%28%29%2F%3A&*")
        // Unicode is encoded as UTF-8 bytes, with uppercase hex digits.
        #expect(try normalizedParameters(url: "https://e.com/?n=%C3%A9%E2%9C%93") == "n=%C3%A9%E2%9C%93&*")
        #expect(
            try normalizedParameters(url: "https://e.com/", body: [("n", "é✓ 😀")])
                == "n=%C3%A9%E2%9C%93%20%F0%9F%98%80&*")
        // Repeated names sort by value, compared as encoded bytes.
        #expect(try normalizedParameters(url: "https://e.com/?z=b&z=a&z=B&z=10&z=9") == "*&z=10&z=9&z=B&z=a&z=b")
        // Names sort by byte: uppercase before lowercase, `a` before `a1` before `a_`.
        #expect(try normalizedParameters(url: "https://e.com/?a_=1&a1=1&a=1&B=1") == "B=1&a=1&a1=1&a_=1&*")
        // A name without `=` and a name with an empty value both sign as `name=`; empty pieces vanish.
        #expect(try normalizedParameters(url: "https://e.com/?flag&empty=&&x=1") == "empty=&flag=&*&x=1")
        // A stray `%` is kept as a character and then encoded.
        #expect(try normalizedParameters(url: "https://e.com/?p=100%&q=%zz") == "*&p=100%25&q=%25zz")
        // Query and body parameters are signed together; an oauth_signature among them is left out.
        #expect(
            try normalizedParameters(url: "https://e.com/?a=1&oauth_signature=x", body: [("a", "0"), ("b", "2")])
                == "a=0&a=1&b=2&*")
    }

    @Test func percentEncodingMatchesRFC3986Unreserved() {
        for byte in UInt8(0)...UInt8(255) {
            let encoded = PercentEncoding.encode([byte])
            let unreserved =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved {
                #expect(encoded == String(UnicodeScalar(byte)))
            } else {
                let digits = Array("0123456789ABCDEF")
                #expect(encoded == "%\(digits[Int(byte >> 4)])\(digits[Int(byte & 15)])")
            }
        }
    }

    @Test func headerOmitsEmptyTokenAndRealm() throws {
        let signer = OAuth1Signer(consumerKey: "key", consumerSecret: "secret", tokenID: "", tokenSecret: "")
        let header = try signer.authorizationHeader(method: "GET", url: "https://e.com/", nonce: "n", timestamp: 7)
        #expect(header.hasPrefix("OAuth oauth_consumer_key=\"key\", oauth_signature_method=\"HMAC-SHA256\", "))
        #expect(!header.contains("oauth_token"))
        #expect(!header.contains("realm"))
        #expect(!header.contains("secret"))
    }

    @Test func headerEncodesValuesSoQuotesCannotBreakOut() throws {
        let signer = OAuth1Signer(
            consumerKey: "k\"y", consumerSecret: "s", tokenID: "t,1", tokenSecret: "u", realm: "R\" x")
        let header = try signer.authorizationHeader(method: "GET", url: "https://e.com/", nonce: "a b", timestamp: 1)
        #expect(header.hasPrefix("OAuth realm=\"R%22%20x\", oauth_consumer_key=\"k%22y\", oauth_token=\"t%2C1\", "))
        #expect(header.contains("oauth_nonce=\"a%20b\""))
    }

    @Test func secretsAreEncodedInTheKey() {
        // The key is encode(consumer secret) & encode(token secret): a `&` inside a secret cannot shift the split.
        let left = OAuth1Signer(consumerKey: "k", consumerSecret: "a&b", tokenID: "t", tokenSecret: "c")
        let right = OAuth1Signer(consumerKey: "k", consumerSecret: "a", tokenID: "t", tokenSecret: "b&c")
        #expect(left.signature(forBaseString: "x") != right.signature(forBaseString: "x"))
        let expected = HMACSignature.base64(.sha256, key: Array("a%26b&c".utf8), message: Array("x".utf8))
        #expect(left.signature(forBaseString: "x") == expected)
    }

    @Test func netSuiteRealm() {
        #expect(OAuth1Signer.netSuiteRealm(accountID: "1234567") == "1234567")
        #expect(OAuth1Signer.netSuiteRealm(accountID: "1234567-sb1") == "1234567_SB1")
        #expect(OAuth1Signer.netSuiteRealm(accountID: "1234567_sb1") == "1234567_SB1")
    }

    @Test func nonces() {
        let nonce = OAuth1Signer.makeNonce()
        #expect(nonce.count == 32)
        #expect(nonce.utf8.allSatisfy { PercentEncoding.isUnreserved($0) && $0 != 0x2D && $0 != 0x2E })
        #expect(OAuth1Signer.makeNonce() != nonce)
        #expect(OAuth1Signer.makeNonce(length: 6).count == 6)
    }
}
