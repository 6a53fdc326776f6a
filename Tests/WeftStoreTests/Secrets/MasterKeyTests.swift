import Foundation
import Testing
import WeftStore

@Suite("Master key")
struct MasterKeyTests {
    let bytes: [UInt8] = (0..<32).map { UInt8($0 * 7 + 3) }
    var base64: String { Data(bytes).base64EncodedString() }

    @Test("WEFT_MASTER_KEY with the base64 of 32 bytes gives that key")
    func validEnvironment() throws {
        let key = try #require(try MasterKey(environment: ["WEFT_MASTER_KEY": base64]))
        #expect(key.id == (try MasterKey(bytes: bytes)).id)
        #expect(key.revealBase64() == base64)
    }

    @Test("surrounding whitespace, such as the newline of $(cat file), is ignored")
    func trimmed() throws {
        let key = try #require(try MasterKey(environment: ["WEFT_MASTER_KEY": "  \(base64)\n"]))
        #expect(key.id == (try MasterKey(bytes: bytes)).id)
    }

    @Test("no WEFT_MASTER_KEY gives no key (the key file is used)")
    func unset() throws {
        #expect(try MasterKey(environment: ["HOME": "/root"]) == nil)
    }

    @Test(
        "a WEFT_MASTER_KEY of the wrong length, not base64, or empty is an error naming the variable, not its value",
        arguments: [
            (Data(repeating: 0xAB, count: 16).base64EncodedString(), "decodes to 16 bytes"),
            (Data(repeating: 0xAB, count: 33).base64EncodedString(), "decodes to 33 bytes"),
            ("c2VjcmV0LWtleS13aXRoLWEtdHlwbw!!", "not valid base64"),
            ("not base64 at all: ~~~~", "not valid base64"),
            ("", "is empty"),
            (" \n", "is empty"),
        ]
    )
    func invalidEnvironment(value: String, problem: String) {
        let error = #expect(throws: SecretError.self) {
            try MasterKey(environment: ["WEFT_MASTER_KEY": value])
        }
        #expect(error?.code == .invalidMasterKey)
        #expect(error?.message.hasPrefix("WEFT_MASTER_KEY ") == true)
        #expect(error?.message.contains(problem) == true)
        #expect(error?.message.contains("32") == true, "says what is expected")
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty {
            #expect(error?.message.contains(trimmed) == false, "never echoes the value")
        }
    }

    @Test("raw bytes must be 32")
    func rawBytesLength() {
        let error = #expect(throws: SecretError.self) { try MasterKey(bytes: Array(bytes.prefix(31))) }
        #expect(error?.code == .invalidMasterKey)
    }

    @Test("the key id is 8 bytes derived from the key: equal for equal keys, different for different ones")
    func keyID() throws {
        let key = try MasterKey(bytes: bytes)
        #expect(key.id.bytes.count == 8)
        #expect(key.id.description.count == 16)
        #expect(key.id.description.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        #expect(key.id == (try MasterKey(bytes: bytes)).id)
        #expect(key.id != MasterKey.generate().id)
        #expect(!bytes.starts(with: key.id.bytes), "the id is not a prefix of the key")
    }

    @Test("generated keys differ")
    func generated() {
        let ids = Set((0..<16).map { _ in MasterKey.generate().id })
        #expect(ids.count == 16)
    }

    @Test("description, debugDescription, reflection and dump show the id and never the key")
    func neverPrinted() throws {
        let key = try MasterKey(bytes: bytes)
        let hex = bytes.map { String($0, radix: 16) }.joined()
        var dumped = ""
        dump(key, to: &dumped)
        let texts = [
            key.description, key.debugDescription, String(describing: key), String(reflecting: key), "\(key)", dumped,
            String(describing: Mirror(reflecting: key).children.map { $0.value }),
        ]
        for text in texts {
            #expect(!text.contains(base64))
            #expect(!text.contains(String(base64.prefix(12))))
            #expect(!text.contains(hex))
            #expect(!text.contains(String(describing: bytes)))
        }
        #expect(key.description.contains(key.id.description))
        #expect(dumped.contains(key.id.description))
    }

    @Test("load prefers WEFT_MASTER_KEY and then creates no key file")
    func loadPrefersEnvironment() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weft-key-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let key = try MasterKey.load(environment: ["WEFT_MASTER_KEY": base64], dataDirectory: directory)
        #expect(key.id == (try MasterKey(bytes: bytes)).id)
        #expect(!FileManager.default.fileExists(atPath: directory))
    }
}
