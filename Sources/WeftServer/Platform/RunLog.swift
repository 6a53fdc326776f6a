import Synchronization
import WeftJSON
import WeftRuntime

/// The journal of a run on the server: keeps its log lines (with the dry run's would-send lines) for the
/// run record, and nothing else.
final class RunLog: RunJournal {
    private let lines = Mutex<[JSON]>([])

    var entries: [JSON] { lines.withLock { $0 } }

    func stepStarted(path: String, kind: String, attempt: Int) {}
    func stepFinished(_ record: StepRecord) {}

    func log(_ entry: LogEntry) {
        var line: JSONObject = ["level": .string(entry.level.rawValue), "message": .string(entry.message)]
        if let step = entry.stepPath { line["step"] = .string(step) }
        if !entry.fields.isEmpty { line["fields"] = .object(entry.fields) }
        lines.withLock { $0.append(.object(line)) }
    }

    func wouldSend(stepPath: String, request: HTTPRequest) {
        lines.withLock {
            $0.append(
                [
                    "level": "info", "step": .string(stepPath),
                    "message": .string("dry run: would send \(request.method.rawValue) \(request.url)"),
                ])
        }
    }
}
