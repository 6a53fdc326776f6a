import Testing

@testable import WeftConnectors

@Suite struct SecretStringTests {
    static let content = "pa55w0rd-Ünïcode"

    @Test func neverPrintsItsContent() {
        let secret = SecretString(Self.content)
        let texts = [
            "\(secret)", String(describing: secret), String(reflecting: secret), secret.description,
            secret.debugDescription, dumped(secret), "\([secret])", "\(Optional(secret) as Any)",
            "\(["key": secret])", dumped(["key": secret]),
            String(describing: Mirror(reflecting: secret).children.map { $0 }),
        ]
        for text in texts {
            #expect(!text.contains(Self.content), "leaked through \(text)")
            #expect(!text.contains("pa55"))
        }
        #expect("\(secret)" == "********")
        #expect(String(reflecting: secret) == "********")
        #expect(Mirror(reflecting: secret).children.isEmpty)
    }

    @Test func neverPrintsInsideOtherValues() {
        struct Connection {
            var user: String
            var password: SecretString
        }
        let connection = Connection(user: "alice", password: SecretString(Self.content))
        for text in ["\(connection)", String(reflecting: connection), dumped(connection)] {
            #expect(!text.contains(Self.content))
            #expect(text.contains("alice"))
            #expect(text.contains("********"))
        }
    }

    @Test func revealsOnRequest() {
        let secret = SecretString(Self.content)
        #expect(secret.reveal() == Self.content)
        #expect(secret.utf8Bytes == Array(Self.content.utf8))
        #expect(!secret.isEmpty)
        #expect(SecretString("").isEmpty)
        let literal: SecretString = "x"
        #expect(literal.reveal() == "x")
    }

    @Test func equality() {
        #expect(SecretString("abc") == SecretString("abc"))
        #expect(SecretString("abc") != SecretString("abd"))
        #expect(SecretString("abc") != SecretString("abcd"))
        #expect(SecretString("") == SecretString(""))
    }
}
