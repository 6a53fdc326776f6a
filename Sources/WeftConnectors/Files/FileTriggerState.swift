import Foundation
import WeftJSON
import WeftRuntime

/// A trigger's state in a JSON file (as `weft run --serve` keeps it under `.weft/state/`), written atomically
/// so a crash leaves the old state or the new one, never half of one.
public struct FileTriggerState: TriggerStateStore {
    public let path: URL

    /// Creates the store of the file at `path`; its directory is created on first save.
    public init(path: URL) {
        self.path = path
    }

    public func load() async throws -> JSON? {
        guard let data = FileManager.default.contents(atPath: path.path) else {
            // Only a missing file means nothing was saved: starting afresh over a state that exists but cannot be
            // read would deliver everything again.
            guard !FileManager.default.fileExists(atPath: path.path) else {
                throw FileSourceError(message: "the trigger state \(path.path) cannot be read")
            }
            return nil
        }
        do {
            return try JSONParser().parse([UInt8](data))
        } catch {
            throw FileSourceError(
                message: "the trigger state \(path.path) is damaged (\(error)); delete it to start afresh")
        }
    }

    public func save(_ state: JSON) async throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(state.serializedBytes(indent: 2)).write(to: path, options: .atomic)
    }
}
