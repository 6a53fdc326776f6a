import Foundation
import Synchronization
import WeftJSON
import WeftRuntime

/// Prints a run as it happens: one line per finished step (text), or one JSON object per event (json).
final class ConsoleJournal: RunJournal {
    enum Format: String, CaseIterable {
        case text, json
    }

    let format: Format
    /// Whether step events are printed; a served flow prints one line per run instead.
    let showsSteps: Bool
    private let lock = Mutex(())

    init(format: Format, showsSteps: Bool = true) {
        self.format = format
        self.showsSteps = showsSteps
    }

    private func emit(_ line: String) {
        lock.withLock { _ in printLine(line) }
    }

    func stepStarted(path: String, kind: String, attempt: Int) {
        if format == .json && showsSteps {
            emit(
                JSON.object([
                    "event": "step_started", "step": .string(path), "kind": .string(kind),
                    "attempt": .number(Double(attempt)),
                ]).serialized())
        }
    }

    func stepFinished(_ record: StepRecord) {
        guard showsSteps else { return }
        switch format {
        case .json:
            var object: JSONObject = ["event": "step_finished"]
            if case .object(let fields) = record.json { for (key, value) in fields { object[key] = value } }
            emit(JSON.object(object).serialized())
        case .text:
            let symbol: String
            switch record.state {
            case .succeeded: symbol = "✓"
            case .filtered: symbol = "⊘"
            case .recovered: symbol = "↻"
            case .failed: symbol = "✗"
            case .skipped, .running: symbol = "·"
            }
            var line =
                "\(symbol) \(record.path) [\(record.kind)] \(record.state.rawValue) in \(Self.milliseconds(record.milliseconds))"
            if record.attempts > 1 { line += " after \(record.attempts) attempts" }
            if let error = record.error { line += "\n    \(error)" }
            emit(line)
        }
    }

    func log(_ entry: LogEntry) {
        switch format {
        case .json:
            var object: JSONObject = [
                "event": "log", "level": .string(entry.level.rawValue), "message": .string(entry.message),
            ]
            if let step = entry.stepPath { object["step"] = .string(step) }
            if !entry.fields.isEmpty { object["fields"] = .object(entry.fields) }
            emit(JSON.object(object).serialized())
        case .text:
            guard entry.level >= .info else { return }
            emit("  \(entry.level.rawValue): \(entry.stepPath.map { "\($0): " } ?? "")\(entry.message)")
        }
    }

    func wouldSend(stepPath: String, request: HTTPRequest) {
        let body = request.body.map { String(decoding: $0, as: UTF8.self) }
        switch format {
        case .json:
            var object: JSONObject = [
                "event": "dry_run", "step": .string(stepPath), "method": .string(request.method.rawValue),
                "url": .string(request.url),
                "headers": .object(
                    JSONObject(
                        request.headers.map { ($0.name, JSON.string($0.value)) }, uniquingKeysWith: { a, _ in a })),
            ]
            if let body { object["body"] = (try? JSONParser().parse(body)) ?? .string(body) }
            emit(JSON.object(object).serialized())
        case .text:
            var lines = ["  dry run: \(stepPath) would send \(request.method.rawValue) \(request.url)"]
            for header in request.headers { lines.append("      \(header.name): \(header.value)") }
            if let body {
                let pretty = (try? JSONParser().parse(body))?.serialized(indent: 2) ?? body
                lines.append(
                    pretty.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(
                        separator: "\n"))
            }
            emit(lines.joined(separator: "\n"))
        }
    }

    static func milliseconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.2f ms", value) : String(format: "%.0f ms", value)
    }
}
