import Foundation
import WeftJSON
import WeftModel
import WeftRuntime

/// Watches a directory and delivers each new file matching the trigger's pattern once, read in the trigger's
/// format; then moves, deletes or marks it. A file is taken only once it has stopped changing (the same size and
/// modification time at two looks, or untouched for one interval), so a file still being copied in is not read
/// half-written. A file that cannot be read in its format is moved to `failed/` (or marked failed), never lost.
public struct FileSource: TriggerSource {
    public let trigger: FileTrigger
    /// The watched directory, absolute.
    public let directory: URL
    public let clock: any WeftClock
    public let state: any TriggerStateStore
    let converter = StandardConverter()

    /// Creates the source of a `file:` trigger; a relative `directory` is resolved against `base`.
    public init(trigger: FileTrigger, base: URL, clock: any WeftClock, state: any TriggerStateStore) {
        self.trigger = trigger
        // Both are directories whether or not they exist yet: a URL not known to be one would resolve a relative
        // path against its parent.
        let base = URL(fileURLWithPath: base.path, isDirectory: true)
        directory = URL(fileURLWithPath: trigger.directory, isDirectory: true, relativeTo: base).standardizedFileURL
        self.clock = clock
        self.state = state
    }

    /// Where `move` puts processed files.
    public var processedDirectory: URL {
        URL(fileURLWithPath: trigger.moveTo ?? "processed", isDirectory: true, relativeTo: directory)
            .standardizedFileURL
    }

    /// Where files that cannot be read go.
    public var failedDirectory: URL { directory.appendingPathComponent("failed") }

    public func run(
        deliver: @escaping @Sendable (TriggerDelivery) async -> DeliveryOutcome,
        report: @escaping @Sendable (TriggerNotice) -> Void
    ) async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw FileSourceError(message: "the directory \(directory.path) does not exist") }
        var marks = try await FileMarks(json: state.load())
        var previous: [String: FileStamp] = [:]
        while !Task.isCancelled {
            let current = scan()
            for (name, stamp) in current.sorted(by: { $0.key < $1.key }) where marks.status(of: name) == nil {
                let settled =
                    previous[name] == stamp
                    || clock.now().timeIntervalSince(stamp.modified) >= DurationText.seconds(trigger.every)
                guard settled else { continue }
                let file = directory.appendingPathComponent(name)
                let delivery: TriggerDelivery
                do throws(StepFailure) {
                    delivery = try self.delivery(of: file, stamp: stamp)
                } catch {
                    report(
                        TriggerNotice(.error, "\(name) cannot be read as \(trigger.format.rawValue): \(error.message)"))
                    try await setAside(name, failed: true, marks: &marks, report: report)
                    continue
                }
                guard await deliver(delivery) == .accepted else {
                    report(TriggerNotice(.warning, "\(name) was refused; it stays for the next look"))
                    continue
                }
                try await setAside(name, failed: false, marks: &marks, report: report)
            }
            previous = current
            try await clock.sleep(for: trigger.every)
        }
    }

    /// The matching files now in the directory, with their size and modification time.
    func scan() -> [String: FileStamp] {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return [:] }
        var found: [String: FileStamp] = [:]
        for name in names where !name.hasPrefix(".") && fnmatch(trigger.pattern, name, 0) == 0 {
            let path = directory.appendingPathComponent(name).path
            guard let attributes = try? manager.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { continue }
            found[name] = FileStamp(
                size: (attributes[.size] as? NSNumber)?.intValue ?? 0,
                modified: attributes[.modificationDate] as? Date ?? .distantPast)
        }
        return found
    }

    /// What the trigger delivers for `file`: its contents read in the trigger's format as the message, and
    /// `{ type: file, path, name, size, modified, body }` as the event. `weft run --input FILE` runs a file flow on
    /// one file this way.
    public func delivery(of file: URL) throws(StepFailure) -> TriggerDelivery {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        let stamp = FileStamp(
            size: (attributes?[.size] as? NSNumber)?.intValue ?? 0,
            modified: attributes?[.modificationDate] as? Date ?? .distantPast)
        return try delivery(of: file, stamp: stamp)
    }

    func delivery(of file: URL, stamp: FileStamp) throws(StepFailure) -> TriggerDelivery {
        let message = try read(file)
        let event: JSON = [
            "type": "file", "path": .string(file.path), "name": .string(file.lastPathComponent),
            "size": .number(Double(stamp.size)), "modified": .string(ISO8601.string(stamp.modified)),
            "body": message,
        ]
        return TriggerDelivery(
            message: message, event: event, key: "file:\(file.path):\(stamp.modified.timeIntervalSince1970)")
    }

    /// The file's contents as the run's message.
    func read(_ file: URL) throws(StepFailure) -> JSON {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw StepFailure(.step, "the file cannot be opened")
        }
        switch trigger.format {
        case .json:
            do {
                return try JSONParser().parse([UInt8](data))
            } catch {
                throw StepFailure(.step, "\(error)")
            }
        case .text, .csv, .xml:
            guard let text = String(data: data, encoding: .utf8) else {
                throw StepFailure(.step, "the file is not UTF-8 text")
            }
            if trigger.format == .text { return .string(text) }
            return try converter.convert(.string(text), from: trigger.format, to: .json, options: [:])
        }
    }

    /// Moves, deletes or marks a file once delivered (or found unreadable), and saves the marks.
    private func setAside(
        _ name: String, failed: Bool, marks: inout FileMarks, report: @Sendable (TriggerNotice) -> Void
    ) async throws {
        let manager = FileManager.default
        let file = directory.appendingPathComponent(name)
        do {
            switch (trigger.after, failed) {
            case (.mark, _):
                marks.mark(name, failed: failed)
                try await state.save(marks.json)
            case (.delete, false):
                try manager.removeItem(at: file)
            case (.move, _), (.delete, true):
                let target = failed ? failedDirectory : processedDirectory
                try manager.createDirectory(at: target, withIntermediateDirectories: true)
                try manager.moveItem(at: file, to: FileSource.freeName(for: name, in: target))
            }
        } catch {
            // The file stays where it is; remember it so it is not delivered again in this session.
            marks.mark(name, failed: failed)
            report(TriggerNotice(.error, "\(name) could not be set aside: \(error.localizedDescription)"))
        }
    }

    /// `name` in `directory`, or `name-1`, `name-2`, ... when taken.
    static func freeName(for name: String, in directory: URL) -> URL {
        var candidate = directory.appendingPathComponent(name)
        let stem = (name as NSString).deletingPathExtension
        let suffix = (name as NSString).pathExtension
        var counter = 1
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = directory.appendingPathComponent("\(stem)-\(counter)" + (suffix.isEmpty ? "" : ".\(suffix)"))
            counter += 1
        }
        return candidate
    }
}

/// A file's size and modification time, compared between looks.
struct FileStamp: Equatable {
    var size: Int
    var modified: Date
}

/// Why a directory cannot be watched.
public struct FileSourceError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
