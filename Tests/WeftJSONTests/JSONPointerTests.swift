import Testing
import WeftJSON

@Suite struct JSONPointerTests {
    /// The example document of RFC 6901, section 5.
    private let document: JSON = [
        "foo": ["bar", "baz"],
        "": 0,
        "a/b": 1,
        "c%d": 2,
        "e^f": 3,
        "g|h": 4,
        "i\\j": 5,
        "k\"l": 6,
        " ": 7,
        "m~n": 8,
    ]

    private func pointer(_ text: String) throws -> JSONPointer {
        try JSONPointer(text)
    }

    @Test(arguments: [
        ("/foo", JSON.array(["bar", "baz"])),
        ("/foo/0", "bar"),
        ("/foo/1", "baz"),
        ("/", 0),
        ("/a~1b", 1),
        ("/c%d", 2),
        ("/e^f", 3),
        ("/g|h", 4),
        ("/i\\j", 5),
        ("/k\"l", 6),
        ("/ ", 7),
        ("/m~0n", 8),
    ])
    func resolvesTheExamplesOfTheRFC(text: String, expected: JSON) throws {
        #expect(document[try pointer(text)] == expected)
    }

    @Test func resolvesTheWholeDocument() throws {
        #expect(document[try pointer("")] == document)
        #expect(document[JSONPointer.root] == document)
        #expect(JSONPointer.root.isRoot)
        #expect(try !pointer("/").isRoot)
    }

    @Test(arguments: [
        "/foo/2", "/foo/-", "/foo/01", "/foo/00", "/foo/+1", "/foo/-1", "/foo/1.0", "/foo/ 1", "/foo/0/x",
        "/missing", "/a~1b/c", "/foo/bar", "/foo/99999999999999999999999",
    ])
    func findsNothingForMissingOrInvalidReferences(text: String) throws {
        #expect(document[try pointer(text)] == nil)
    }

    @Test func decodesTokens() throws {
        #expect(try pointer("").tokens == [])
        #expect(try pointer("/").tokens == [""])
        #expect(try pointer("//").tokens == ["", ""])
        #expect(try pointer("/a/b/").tokens == ["a", "b", ""])
        #expect(try pointer("/~01").tokens == ["~1"])
        #expect(try pointer("/~10").tokens == ["/0"])
        #expect(try pointer("/~0~1/é😀").tokens == ["~/", "é😀"])
    }

    @Test func rejectsMalformedPointers() {
        #expect(throws: JSONPointerError.self) { try JSONPointer("foo") }
        #expect(throws: JSONPointerError.self) { try JSONPointer("#/foo") }
        #expect(throws: JSONPointerError.self) { try JSONPointer("/a~2") }
        #expect(throws: JSONPointerError.self) { try JSONPointer("/a~") }
        #expect(throws: JSONPointerError.self) { try JSONPointer("/~a") }
    }

    @Test func explainsErrors() {
        do {
            _ = try JSONPointer("/ab~x")
            Issue.record("accepted an invalid escape")
        } catch {
            #expect(error.offset == 3)
            #expect(error.description == "offset 3: '~' must be followed by '0' or '1' in a JSON pointer")
        }
        do {
            _ = try JSONPointer("a")
            Issue.record("accepted a pointer without '/'")
        } catch {
            #expect(error.offset == 0)
            #expect(error.message == "a JSON pointer must be empty or start with '/'")
        }
    }

    @Test func writesTextBack() throws {
        #expect(JSONPointer(tokens: ["a/b", "m~n", "0"]).description == "/a~1b/m~0n/0")
        #expect(JSONPointer(tokens: ["~1"]).description == "/~01")
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer(tokens: [""]).description == "/")
        for text in ["", "/", "/foo/0", "/a~1b", "/m~0n", "/~01", "/x//y", "/é"] {
            #expect(try pointer(text).description == text)
        }
    }

    @Test func appendsTokens() throws {
        var pointer = JSONPointer.root
        pointer.append("foo")
        pointer.append(1)
        #expect(pointer.description == "/foo/1")
        #expect(document[pointer] == "baz")
        #expect(JSONPointer.root.appending("a/b").description == "/a~1b")
        #expect(JSONPointer.root.appending("foo").appending(0).tokens == ["foo", "0"])
        #expect(pointer.parent == JSONPointer(tokens: ["foo"]))
        #expect(JSONPointer.root.parent == nil)
        #expect(JSONPointer.escape("a~/b") == "a~0~1b")
    }

    @Test func looksIntoParsedDocuments() throws {
        let value = try JSON(parsing: #"{"paths":{"/pets/{id}":{"get":{"responses":{"200":{"description":"ok"}}}}}}"#)
        let location = try pointer("/paths/~1pets~1{id}/get/responses/200/description")
        #expect(value[location] == "ok")
    }

    @Test func stopsAtScalars() throws {
        #expect(JSON.string("abc")[try pointer("/0")] == nil)
        #expect(JSON.number(1)[try pointer("/a")] == nil)
        #expect(JSON.null[try pointer("")] == .null)
    }
}

@Suite struct JSONTypeNameTests {
    @Test func namesEachType() {
        #expect(JSON.null.typeName == "null")
        #expect(JSON.bool(false).typeName == "boolean")
        #expect(JSON.number(1).typeName == "number")
        #expect(JSON.string("").typeName == "string")
        #expect(JSON.array([]).typeName == "array")
        #expect(JSON.object([:]).typeName == "object")
    }
}
