import ArgumentParser
import Foundation
import WeftJSON

/// Reads a text file, or standard input for `-`.
func readText(_ path: String) throws -> String {
    if path == "-" {
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
    do {
        return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
        throw ValidationError("cannot read \(path): \(error.localizedDescription)")
    }
}

/// Reads and parses a JSON file, or standard input for `-`, with a located error.
func readJSON(_ path: String) throws -> JSON {
    let bytes: [UInt8]
    if path == "-" {
        bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    } else {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path)")
        }
        bytes = [UInt8](data)
    }
    do {
        return try JSONParser().parse(bytes)
    } catch {
        throw ValidationError("\(path): \(error)")
    }
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
