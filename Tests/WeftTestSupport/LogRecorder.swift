import Logging
import Synchronization

/// Keeps everything logged through ``logger`` in memory, with its level, label and metadata, for tests that check
/// what a component logs (and what it never logs).
public final class LogRecorder: Sendable {
    /// One logged line.
    public struct Entry: Sendable {
        public var level: Logger.Level
        public var label: String
        public var message: String
        public var metadata: [String: String]

        /// The whole line, for searching: level, label, message and metadata sorted by key.
        public var text: String {
            "\(level) \(label) \(message) \(metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })"
        }
    }

    private let stored = Mutex<[Entry]>([])

    /// Creates an empty recorder.
    public init() {}

    /// Everything logged so far, oldest first.
    public var entries: [Entry] { stored.withLock { $0 } }

    /// A logger at trace level that records into this recorder.
    public var logger: Logger {
        var logger = Logger(label: "weft") { label in Handler(label: label, recorder: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ entry: Entry) { stored.withLock { $0.append(entry) } }

    private struct Handler: LogHandler {
        let label: String
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            recorder.append(
                Entry(
                    level: event.level, label: label, message: "\(event.message)",
                    metadata: merged.mapValues { "\($0)" }))
        }
    }
}
