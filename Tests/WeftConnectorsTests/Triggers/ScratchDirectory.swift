import Foundation
import Testing

/// A fresh directory under the system's temporary directory for one test, removed when the test is done.
enum ScratchDirectory {
    /// Runs `body` with a new empty directory, then removes the directory and everything in it.
    static func with<Value>(_ body: (URL) async throws -> Value) async throws -> Value {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("weft-triggers-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await body(directory)
    }

    /// Writes `text` to `name` in `directory`, with the modification time `modified` when given.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: URL, modified: Date? = nil) throws -> URL {
        try write(Array(text.utf8), to: name, in: directory, modified: modified)
    }

    /// Writes `bytes` to `name` in `directory`, with the modification time `modified` when given.
    @discardableResult
    static func write(_ bytes: [UInt8], to name: String, in directory: URL, modified: Date? = nil) throws -> URL {
        let file = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: file)
        if let modified {
            try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        }
        return file
    }

    /// The names in `directory`, sorted; empty when it does not exist.
    static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    /// The text of a file, or `nil` when it cannot be read.
    static func text(of file: URL) -> String? {
        FileManager.default.contents(atPath: file.path).flatMap { String(data: $0, encoding: .utf8) }
    }
}
