import Foundation
import Testing
import WeftStore

@Suite("Master key file")
struct MasterKeyFileTests {
    /// A new, empty temporary directory, removed after `body`.
    private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weft-keyfile-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test("the first start creates master.key with mode 0600; later starts read the same key")
    func createsThenReads() throws {
        try withTemporaryDirectory { directory in
            let path = MasterKey.keyFilePath(dataDirectory: directory)
            #expect(path == directory + "/master.key")
            let first = try MasterKey.loadOrCreateKeyFile(at: path)
            #expect(first.created)
            #expect(try mode(path) == 0o600)
            let second = try MasterKey.loadOrCreateKeyFile(at: path)
            #expect(!second.created)
            #expect(second.key.id == first.key.id)
            #expect(try MasterKey.readKeyFile(at: path).id == first.key.id)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(leftovers == ["master.key"], "no temporary file is left behind")
        }
    }

    @Test("the key file holds the key's base64, which works as WEFT_MASTER_KEY")
    func fileFormat() throws {
        try withTemporaryDirectory { directory in
            let key = try MasterKey.load(environment: [:], dataDirectory: directory)
            let text = try String(contentsOfFile: MasterKey.keyFilePath(dataDirectory: directory), encoding: .utf8)
            #expect(text == key.revealBase64() + "\n")
            let fromEnvironment = try #require(try MasterKey(environment: ["WEFT_MASTER_KEY": text]))
            #expect(fromEnvironment.id == key.id)
        }
    }

    @Test("a missing data directory is created, private")
    func createsDirectory() throws {
        try withTemporaryDirectory { directory in
            let dataDirectory = directory + "/data/weft"
            _ = try MasterKey.load(environment: [:], dataDirectory: dataDirectory)
            #expect(try mode(dataDirectory) == 0o700)
            #expect(try mode(dataDirectory + "/master.key") == 0o600)
        }
    }

    @Test(
        "a key file readable or writable by group or others is refused, naming the file",
        arguments: [
            0o644, 0o640, 0o604, 0o620, 0o602, 0o660,
        ])
    func refusesOpenModes(mode: Int) throws {
        try withTemporaryDirectory { directory in
            let path = MasterKey.keyFilePath(dataDirectory: directory)
            try MasterKey.generate().writeKeyFile(at: path, replacingExisting: false)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            for attempt in [
                { _ = try MasterKey.readKeyFile(at: path) }, { _ = try MasterKey.loadOrCreateKeyFile(at: path) },
            ] {
                let error = #expect(throws: SecretError.self) { try attempt() }
                #expect(error?.code == .insecureKeyFile)
                #expect(error?.message.contains(path) == true)
                #expect(error?.message.contains("chmod 600") == true)
                #expect(error?.message.contains(String(mode, radix: 8)) == true)
            }
            #expect(try self.mode(path) == mode, "the file is left for the operator to fix")
        }
    }

    @Test("a 0400 key file is accepted")
    func readOnlyForOwner() throws {
        try withTemporaryDirectory { directory in
            let path = MasterKey.keyFilePath(dataDirectory: directory)
            let key = MasterKey.generate()
            try key.writeKeyFile(at: path, replacingExisting: false)
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: path)
            #expect(try MasterKey.readKeyFile(at: path).id == key.id)
        }
    }

    @Test("a key file that is not the base64 of 32 bytes is an error naming the file, not its content")
    func invalidContent() throws {
        try withTemporaryDirectory { directory in
            let path = MasterKey.keyFilePath(dataDirectory: directory)
            let content = Data(repeating: 7, count: 24).base64EncodedString()
            #expect(
                FileManager.default.createFile(
                    atPath: path, contents: Data(content.utf8), attributes: [.posixPermissions: 0o600]))
            let error = #expect(throws: SecretError.self) { try MasterKey.loadOrCreateKeyFile(at: path) }
            #expect(error?.code == .invalidMasterKey)
            #expect(error?.message.contains(path) == true)
            #expect(error?.message.contains("24 bytes") == true)
            #expect(error?.message.contains(content) == false)
        }
    }

    @Test("a directory in the key file's place is an error")
    func notARegularFile() throws {
        try withTemporaryDirectory { directory in
            let path = MasterKey.keyFilePath(dataDirectory: directory)
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let error = #expect(throws: SecretError.self) { try MasterKey.readKeyFile(at: path) }
            #expect(error?.code == .keyFileUnavailable)
        }
    }

    @Test("reading a missing key file fails; writing never replaces a key unless asked to")
    func writing() throws {
        try withTemporaryDirectory { directory in
            let path = MasterKey.keyFilePath(dataDirectory: directory)
            let missing = #expect(throws: SecretError.self) { try MasterKey.readKeyFile(at: path) }
            #expect(missing?.code == .keyFileUnavailable)

            let old = MasterKey.generate()
            try old.writeKeyFile(at: path, replacingExisting: false)
            let new = MasterKey.generate()
            let refused = #expect(throws: SecretError.self) { try new.writeKeyFile(at: path, replacingExisting: false) }
            #expect(refused?.code == .keyFileUnavailable)
            #expect(refused?.message.contains("already exists") == true)
            #expect(try MasterKey.readKeyFile(at: path).id == old.id)

            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            try new.writeKeyFile(at: path, replacingExisting: true)
            #expect(try MasterKey.readKeyFile(at: path).id == new.id)
            #expect(try mode(path) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["master.key"])
        }
    }
}
