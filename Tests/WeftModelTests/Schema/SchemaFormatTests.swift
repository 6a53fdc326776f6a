import Testing

@testable import WeftModel

@Suite("JSON Schema formats")
struct SchemaFormatTests {
    @Test(arguments: [
        ("2024-05-01T12:00:00Z", true), ("2024-05-01t12:00:00.123+02:00", true), ("2024-05-01 12:00:00-05:30", true),
        ("2024-12-31T23:59:60Z", true), ("2024-05-01T12:00:00", false), ("2024-05-01", false),
        ("2024-13-01T12:00:00Z", false), ("2023-02-29T00:00:00Z", false), ("2024-05-01T24:00:00Z", false),
        ("2024-05-01T12:00:00.Z", false), ("2024-05-01T12:00:00+0200", false),
    ])
    func dateTime(text: String, valid: Bool) {
        #expect(SchemaFormat.dateTime.matches(text) == valid)
    }

    @Test(arguments: [
        ("2024-02-29", true), ("2000-02-29", true), ("1900-02-29", false), ("2024-04-31", false),
        ("2024-1-01", false), ("20240101", false), ("2024-00-10", false),
    ])
    func date(text: String, valid: Bool) {
        #expect(SchemaFormat.date.matches(text) == valid)
    }

    @Test func time() {
        #expect(SchemaFormat.time.matches("12:30:00"))
        #expect(SchemaFormat.time.matches("12:30:00.5Z"))
        #expect(!SchemaFormat.time.matches("12:60:00"))
    }

    @Test(arguments: [
        ("ada@example.com", true), ("first.last+tag@sub.example.co.uk", true), ("x@localhost", true),
        ("user@[192.168.0.1]", true), ("josé@exämple.de", true), ("ada", false), ("@example.com", false),
        ("ada@", false), ("a b@example.com", false), ("a..b@example.com", false), (".a@example.com", false),
        ("ada@-example.com", false), ("ada@exa_mple.com", false), ("ada@example..com", false),
    ])
    func email(text: String, valid: Bool) {
        #expect(SchemaFormat.email.matches(text) == valid)
    }

    @Test(arguments: [
        ("123e4567-e89b-12d3-a456-426614174000", true), ("123E4567-E89B-12D3-A456-426614174000", true),
        ("123e4567e89b12d3a456426614174000", false), ("123e4567-e89b-12d3-a456-42661417400g", false),
    ])
    func uuid(text: String, valid: Bool) {
        #expect(SchemaFormat.uuid.matches(text) == valid)
    }

    @Test(arguments: [
        ("https://example.com/a?b=c#d", true), ("mailto:ada@example.com", true), ("urn:isbn:0451450523", true),
        ("/relative/path", false), ("https://exa mple.com", false), ("1http://x", false), ("", false),
    ])
    func uri(text: String, valid: Bool) {
        #expect(SchemaFormat.uri.matches(text) == valid)
    }

    @Test func uriReference() {
        #expect(SchemaFormat.uriReference.matches("/relative/path?x=1"))
        #expect(!SchemaFormat.uriReference.matches("has space"))
    }

    @Test(arguments: [
        ("::1", true), ("2001:db8::8a2e:370:7334", true), ("2001:0db8:0000:0000:0000:ff00:0042:8329", true),
        ("::ffff:192.0.2.1", true), ("::", true), ("1::2::3", false), ("12345::", false), ("1:2:3:4:5:6:7", false),
        (":1:2:3:4:5:6:7", false), ("1:2:3:4:5:6:7:8:9", false),
    ])
    func ipv6(text: String, valid: Bool) {
        #expect(SchemaFormat.ipv6.matches(text) == valid)
    }

    @Test func ipv4AndHostname() {
        #expect(SchemaFormat.ipv4.matches("192.168.0.1"))
        #expect(!SchemaFormat.ipv4.matches("256.1.1.1"))
        #expect(!SchemaFormat.ipv4.matches("01.1.1.1"))
        #expect(!SchemaFormat.ipv4.matches("1.1.1"))
        #expect(SchemaFormat.hostname.matches("api.example.com"))
        #expect(!SchemaFormat.hostname.matches("-bad.example.com"))
        #expect(!SchemaFormat.hostname.matches(""))
    }
}
