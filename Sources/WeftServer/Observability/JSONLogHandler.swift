import Foundation
import Logging
import Synchronization

/// A swift-log handler that writes each log entry as one JSON object on one line.
///
/// The object starts with four fixed fields, then the metadata with its keys sorted:
///
/// ```json
/// {"time":"2025-01-02T03:04:05.678Z","level":"info","message":"run finished","logger":"weft.worker","run":"r_1"}
/// ```
///
/// - `time`: ISO 8601 in UTC with milliseconds;
/// - `level`: the swift-log level name (`trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`);
/// - `message`, `logger` (the logger's label);
/// - the metadata: the handler's own, then the metadata provider's, then the log call's (each overriding the
///   previous on equal keys), then `error.message` and `error.type` when the call passes an error. A string,
///   or a `stringConvertible` value (written through its description), becomes a JSON string; an array a JSON
///   array; a dictionary a JSON object with sorted keys. A metadata key equal to one of the four fixed field names
///   is written as `metadata.<key>` so that the fixed fields are never duplicated or overwritten.
///
/// **Secrets never belong in metadata or messages**: a log line leaves the process as is. Callers pass identifiers
/// (run, flow, tenant, connection ids), never tokens, passwords, credentials or payload contents.
///
/// Each line is handed, without its line feed, to the sink given at creation; the default,
/// ``standardErrorSink``, writes the line and its line feed to standard error under a lock, in one piece, so that
/// lines written concurrently never interleave.
public struct JSONLogHandler: LogHandler {
    /// The logger's label, written as `logger`.
    public let label: String

    /// The lowest level written; `.info` unless set.
    public var logLevel: Logger.Level = .info

    /// The handler's own metadata, written on every line.
    public var metadata: Logger.Metadata = [:]

    /// Contextual metadata (for example task-local ids) fetched for every line.
    public var metadataProvider: Logger.MetadataProvider?

    private let sink: @Sendable (String) -> Void

    /// Creates a handler for the logger `label`.
    ///
    /// - Parameters:
    ///   - label: The logger's label.
    ///   - metadataProvider: Contextual metadata fetched for every line, if any.
    ///   - sink: Receives every line, without its line feed; by default ``standardErrorSink``.
    public init(
        label: String,
        metadataProvider: Logger.MetadataProvider? = nil,
        sink: @escaping @Sendable (String) -> Void = JSONLogHandler.standardErrorSink
    ) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.sink = sink
    }

    /// The handler's metadata value for `metadataKey`.
    public subscript(metadataKey metadataKey: String) -> Logger.Metadata.Value? {
        get { metadata[metadataKey] }
        set { metadata[metadataKey] = newValue }
    }

    /// Writes `event` as one JSON line to the sink.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            merged.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            merged["error.message"] = .string("\(error)")
            merged["error.type"] = .string(String(reflecting: type(of: error)))
        }
        sink(
            Self.line(
                time: Date(), level: event.level, message: event.message.description, label: label, metadata: merged))
    }

    /// Writes `line` and a line feed to standard error in one locked write, so that concurrent lines never
    /// interleave.
    public static let standardErrorSink: @Sendable (String) -> Void = fileDescriptorSink(STDERR_FILENO)

    /// A sink that writes each line and a line feed to the open file `descriptor`, whole: the write happens under
    /// a process-wide lock shared by every such sink and is repeated until the line is out, so that lines written
    /// concurrently never interleave. The descriptor is not closed. Write errors are ignored (a log line is not
    /// worth failing for).
    public static func fileDescriptorSink(_ descriptor: Int32) -> @Sendable (String) -> Void {
        { line in
            var bytes = Array(line.utf8)
            bytes.append(0x0A)
            writeLock.withLock { _ in
                bytes.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var offset = 0
                    while offset < buffer.count {
                        let written = write(descriptor, base + offset, buffer.count - offset)
                        if written > 0 {
                            offset += written
                        } else if written < 0 && errno == EINTR {
                            continue
                        } else {
                            return
                        }
                    }
                }
            }
        }
    }

    private static let writeLock = Mutex(())

    private static let fixedKeys: Set<String> = ["time", "level", "message", "logger"]

    /// The JSON text of one log line (without its line feed).
    private static func line(
        time: Date, level: Logger.Level, message: String, label: String, metadata: Logger.Metadata
    ) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128 + message.utf8.count)
        out.append(UInt8(ascii: "{"))
        writeMember("time", time.formatted(timeStyle), first: true, into: &out)
        writeMember("level", level.rawValue, first: false, into: &out)
        writeMember("message", message, first: false, into: &out)
        writeMember("logger", label, first: false, into: &out)
        if !metadata.isEmpty {
            var renamed: Logger.Metadata = [:]
            for (key, value) in metadata {
                if fixedKeys.contains(key) {
                    renamed["metadata." + key] = renamed["metadata." + key] ?? value
                } else {
                    renamed[key] = value
                }
            }
            for (key, value) in renamed.sorted(by: { $0.key < $1.key }) {
                out.append(UInt8(ascii: ","))
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeValue(value, into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    private static func writeMember(_ key: String, _ value: String, first: Bool, into out: inout [UInt8]) {
        if !first { out.append(UInt8(ascii: ",")) }
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        writeString(value, into: &out)
    }

    private static func writeValue(_ value: Logger.Metadata.Value, into out: inout [UInt8]) {
        switch value {
        case .string(let string):
            writeString(string, into: &out)
        case .stringConvertible(let convertible):
            writeString(convertible.description, into: &out)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, element) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeValue(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            out.append(UInt8(ascii: "{"))
            for (index, (key, element)) in dictionary.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeValue(element, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Appends `string` as a JSON string: quote and backslash escaped, line feed, carriage return and tab as
    /// `\n`, `\r`, `\t`, every other control character below U+0020 as `\u00XX`; the rest is copied as UTF-8.
    private static func writeString(_ string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0x0A:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                ])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
