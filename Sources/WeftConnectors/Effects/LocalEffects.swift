import Foundation
import WeftJSON
import WeftModel
import WeftRuntime

/// The effects of `weft run`: real HTTP, app actions through their connections, and files on disk. In a dry
/// run, writes (non-GET requests, file outputs) are described to the journal instead of performed.
public struct LocalEffects: RunEffects {
    public let actions: any ActionCalling
    public let transport: any HTTPTransport

    /// Creates effects over an action caller and an HTTP transport.
    public init(actions: any ActionCalling, transport: any HTTPTransport) {
        self.actions = actions
        self.transport = transport
    }

    public func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
        async throws(StepFailure) -> JSON
    {
        try await actions.call(action, connection: connection, input: input, context: context)
    }

    public func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse
    {
        var outgoing = request
        if let connection {
            outgoing = try await actions.authorize(request, connection: connection, context: context)
        }
        if context.dryRun && !request.method.isRead {
            let secrets = connection.map { actions.secrets(of: $0) } ?? []
            context.journal.wouldSend(
                stepPath: context.stepPath, request: Redactor(secrets: secrets).mask(outgoing))
            let body: JSON = [
                "dry_run": true, "method": .string(request.method.rawValue),
                "url": .string(URLQuery.redacted(request.url)),
            ]
            return HTTPResponse(
                status: 200, headers: [("Content-Type", "application/json")], body: body.serializedBytes())
        }
        return try await transport.perform(outgoing, timeout: context.timeout)
    }

    public func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
        async throws(StepFailure)
    {
        if context.dryRun {
            context.journal.log(
                LogEntry(
                    .info, "dry run: would \(mode.rawValue) \(contents.count) bytes to \(path)",
                    stepPath: context.stepPath,
                    fields: ["path": .string(path), "bytes": .number(Double(contents.count))]))
            return
        }
        let manager = FileManager.default
        let url = URL(fileURLWithPath: path)
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            switch mode {
            case .create:
                guard !manager.fileExists(atPath: path) else { throw StepFailure(.step, "\(path) already exists") }
                try Data(contents).write(to: url)
            case .write:
                // Write beside, then rename: a reader never sees half a file.
                try Data(contents).write(to: url, options: .atomic)
            case .append:
                if let handle = FileHandle(forWritingAtPath: path) {
                    defer { try? handle.close() }
                    try handle.seekToEnd()
                    try handle.write(contentsOf: Data(contents))
                } else {
                    try Data(contents).write(to: url)
                }
            }
        } catch let failure as StepFailure {
            throw failure
        } catch {
            throw StepFailure(.step, "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
