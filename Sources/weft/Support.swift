import ArgumentParser
import Foundation
import WeftJSON

/// Reads a text file, or standard input for `-`.
func readText(_ path: String) throws -> String {
    guard let bytes = readBytes(path) else { throw ValidationError("cannot read \(path)") }
    guard let text = String(validating: bytes, as: UTF8.self) else {
        throw ValidationError("\(path) is not UTF-8 text")
    }
    return text
}

/// Reads and parses a JSON file, or standard input for `-`, with a located error.
func readJSON(_ path: String) throws -> JSON {
    guard let bytes = readBytes(path) else { throw ValidationError("cannot read \(path)") }
    do {
        return try JSONParser().parse(bytes)
    } catch {
        throw ValidationError("\(path): \(error)")
    }
}

/// The bytes of a file, a pipe (`<(...)`) or standard input (`-`); `nil` when it cannot be opened.
func readBytes(_ path: String) -> [UInt8]? {
    if path == "-" { return [UInt8](FileHandle.standardInput.readDataToEndOfFile()) }
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    return [UInt8](handle.readDataToEndOfFile())
}

/// Writes a line to standard error.
func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes a line to standard output at once, unbuffered: lines of a served flow or a run in progress are read as
/// they come, by a terminal, a log collector or a test.
func printLine(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
