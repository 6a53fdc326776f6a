import Testing

@testable import WeftConnectors

@Suite struct BasicAuthTests {
    @Test func rfc7617Examples() {
        #expect(
            BasicAuth(username: "Aladdin", password: "open sesame").headerValue == "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
        // RFC 7617 §2.1: "test" / "123£" with charset UTF-8.
        #expect(BasicAuth(username: "test", password: "123£").headerValue == "Basic dGVzdDoxMjPCow==")
    }

    @Test func unicode() {
        // Python: base64.b64encode("Jürgen:pässwörd✓".encode()).
        #expect(
            BasicAuth(username: "Jürgen", password: "pässwörd✓").headerValue == "Basic SsO8cmdlbjpww6Rzc3fDtnJk4pyT")
    }

    @Test func emptyParts() {
        #expect(BasicAuth(username: "", password: "").headerValue == "Basic Og==")
        #expect(BasicAuth(username: "user", password: "").headerValue == "Basic dXNlcjo=")
    }

    @Test func descriptionHidesPassword() {
        let auth = BasicAuth(username: "user", password: "hunter2")
        for text in ["\(auth)", String(reflecting: auth), dumped(auth)] {
            #expect(!text.contains("hunter2"))
            #expect(text.contains("user"))
        }
    }
}

@Suite struct HMACSignatureTests {
    /// RFC 4231 test case 2 and RFC 2202 test case 2.
    @Test func knownVectors() {
        let key: SecretString = "Jefe"
        let message = "what do ya want for nothing?"
        #expect(
            HMACSignature.hex(.sha256, key: key, message: message)
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACSignature.hex(.sha1, key: key, message: message) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
        #expect(
            HMACSignature.base64(.sha256, key: key, message: message)
                == "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=")
        #expect(HMACSignature.base64(.sha1, key: key, message: message) == "7/zfauXrL6LSdBbV8YTfnCWafHk=")
        #expect(
            HMACSignature.hex(.sha256, key: Array("Jefe".utf8), message: Array(message.utf8))
                == HMACSignature.hex(.sha256, key: key, message: message))
        #expect(HMACSignature.digest(.sha256, key: key, message: message).count == 32)
        #expect(HMACSignature.digest(.sha1, key: key, message: message).count == 20)
    }

    /// RFC 4231 test case 6: a key longer than the block size is hashed first.
    @Test func longKey() {
        let key = [UInt8](repeating: 0xAA, count: 131)
        let message = Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)
        #expect(
            HMACSignature.hex(.sha256, key: key, message: message)
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func constantTimeEquality() {
        #expect(HMACSignature.constantTimeEquals([UInt8](), []))
        #expect(HMACSignature.constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!HMACSignature.constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!HMACSignature.constantTimeEquals([0, 2, 3], [1, 2, 3]))
        #expect(!HMACSignature.constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(!HMACSignature.constantTimeEquals([1, 2], [1, 2, 3]))
        #expect(!HMACSignature.constantTimeEquals([1, 2, 0], [1, 2]))
        #expect(!HMACSignature.constantTimeEquals([], [0]))
        #expect(HMACSignature.constantTimeEquals("abc", "abc"))
        #expect(!HMACSignature.constantTimeEquals("abc", "abd"))
        #expect(!HMACSignature.constantTimeEquals("abc", "ABC"))
        #expect(!HMACSignature.constantTimeEquals("é", "e\u{301}"))
        let signature = HMACSignature.hex(.sha256, key: "k", message: "m")
        #expect(HMACSignature.constantTimeEquals(signature, HMACSignature.hex(.sha256, key: "k", message: "m")))
        #expect(!HMACSignature.constantTimeEquals(signature, HMACSignature.hex(.sha256, key: "k", message: "n")))
    }

    @Test func constantTimeEqualityAgreesWithEquality() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let left = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                UInt8.random(in: 0...2, using: &generator)
            }
            let right = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                UInt8.random(in: 0...2, using: &generator)
            }
            #expect(HMACSignature.constantTimeEquals(left, right) == (left == right))
        }
    }

    @Test func base64AndHex() {
        let cases: [(String, String)] = [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ]
        for (plain, encoded) in cases {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
        #expect(Base64.decode("Zm9vYg") == Array("foob".utf8))
        #expect(Base64.decode("Zm9v!") == nil)
        #expect(Base64.decode("Z") == nil)
        let all = (0...255).map { UInt8($0) }
        #expect(Base64.decode(Base64.encode(all)) == all)
        #expect(Hex.encode([0x00, 0x0F, 0xAB, 0xFF]) == "000fabff")
        #expect(Hex.decode("000FabfF") == [0x00, 0x0F, 0xAB, 0xFF])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}

/// A small deterministic generator for tests.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
