import Testing
import WeftJSON

@testable import WeftConnectors

/// `WebhookBody`: a request body read by its content type: JSON (`application/json`, `+json`, or no type), form
/// fields (decoded, a repeated field an array), text for other UTF-8 types; an empty body is `null`; invalid JSON
/// and text that is not UTF-8 are refused with a message.
@Suite struct WebhookBodyTests {
    private func decode(_ text: String, _ contentType: String?) throws -> JSON {
        try WebhookBody.decode(Array(text.utf8), contentType: contentType)
    }

    @Test(arguments: [
        "application/json", "application/json; charset=utf-8", "Application/JSON", " application/json ;charset=UTF-8",
        "application/vnd.api+json", "application/cloudevents+json; charset=utf-8", "",
    ])
    func readsJSON(_ contentType: String) throws {
        #expect(try decode(#"{"id": 1, "tags": ["a"]}"#, contentType) == ["id": 1, "tags": ["a"]])
    }

    @Test func readsJSONWithoutAContentType() throws {
        #expect(try decode("[true, null]", nil) == [true, .null])
        #expect(try decode("\"text\"", nil) == "text")
    }

    @Test(arguments: [nil, "", "application/json", "text/plain", "application/x-www-form-urlencoded"])
    func readsAnEmptyBodyAsNull(_ contentType: String?) throws {
        #expect(try WebhookBody.decode([], contentType: contentType) == .null)
    }

    @Test func refusesInvalidJSON() {
        let error = #expect(throws: WebhookBodyError.self) { try decode(#"{"id": }"#, "application/json") }
        #expect(error?.message.hasPrefix("the body is not valid JSON: ") == true)
        #expect(error?.description == error?.message)
        #expect(throws: WebhookBodyError.self) { try decode("id=1", nil) }
    }

    @Test func readsFormFields() throws {
        let body = "name=Ada+Lovelace&email=ada%40example.com&note=caf%C3%A9+%26+cr%C3%A8me&first%20name=A&empty=&flag"
        #expect(
            try decode(body, "application/x-www-form-urlencoded")
                == [
                    "name": "Ada Lovelace", "email": "ada@example.com", "note": "café & crème", "first name": "A",
                    "empty": "", "flag": "",
                ])
    }

    @Test func collectsRepeatedFormFieldsIntoAnArray() throws {
        let body = "tag=a&id=7&tag=b&tag=c"
        #expect(
            try decode(body, "application/x-www-form-urlencoded; charset=utf-8") == [
                "tag": ["a", "b", "c"], "id": "7",
            ])
        #expect(try decode("a=1&a=2", "Application/X-WWW-Form-Urlencoded") == ["a": ["1", "2"]])
    }

    @Test(arguments: ["text/plain", "text/plain; charset=utf-8", "application/xml", "text/csv"])
    func readsOtherTypesAsText(_ contentType: String) throws {
        #expect(try decode("<a>é</a>\nline", contentType) == "<a>é</a>\nline")
    }

    @Test func refusesTextThatIsNotUTF8() {
        let error = #expect(throws: WebhookBodyError.self) {
            try WebhookBody.decode([0x68, 0xC3, 0x28], contentType: "text/plain")
        }
        #expect(error?.message.contains("not UTF-8") == true)
        #expect(error?.message.contains("text/plain") == true)
        #expect(throws: WebhookBodyError.self) {
            try WebhookBody.decode([0x61, 0x3D, 0xFF], contentType: "application/x-www-form-urlencoded")
        }
        #expect(throws: WebhookBodyError.self) {
            try WebhookBody.decode([0x22, 0xFF, 0x22], contentType: "application/json")
        }
    }
}
