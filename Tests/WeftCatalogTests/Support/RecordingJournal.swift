import Synchronization
import WeftRuntime

/// A journal that keeps every log entry and finished step, for assertions.
final class RecordingJournal: RunJournal {
    private let logs = Mutex<[LogEntry]>([])
    private let steps = Mutex<[StepRecord]>([])

    var entries: [LogEntry] { logs.withLock { $0 } }
    var finishedSteps: [StepRecord] { steps.withLock { $0 } }

    /// The retries the app client logged: one entry per wait, with its status and wait in milliseconds.
    var retries: [(status: Int?, waitMilliseconds: Double)] {
        entries.compactMap { entry in
            guard entry.message.contains("retrying in"), case .number(let wait)? = entry.fields["wait_ms"] else {
                return nil
            }
            if case .number(let status)? = entry.fields["status"] { return (Int(status), wait) }
            return (nil, wait)
        }
    }

    func stepStarted(path: String, kind: String, attempt: Int) {}
    func stepFinished(_ record: StepRecord) { steps.withLock { $0.append(record) } }
    func log(_ entry: LogEntry) { logs.withLock { $0.append(entry) } }
    func wouldSend(stepPath: String, request: HTTPRequest) {}
}
