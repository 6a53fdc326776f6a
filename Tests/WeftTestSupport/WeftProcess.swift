import Foundation
import Synchronization

/// What a finished `weft` command printed and how it exited.
public struct CommandResult: Sendable, CustomStringConvertible {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String

    public var description: String {
        "exit \(status)\n--- stdout ---\n\(standardOutput)\n--- stderr ---\n\(standardError)"
    }
}

/// The `weft` executable built beside the tests, run as a user runs it: end-to-end tests of the command line.
public final class WeftProcess: Sendable {
    /// The built `weft` executable: next to the test bundle (`.build/<triple>/debug/weft`).
    public static var executable: URL? {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [bundleDirectory.appendingPathComponent("weft")]
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/weft"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The repository's root directory.
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private let process: Process
    private let state = State()

    /// What the pipes and the termination handler share with the test.
    private final class State: Sendable {
        struct Output {
            var standardOutput: [UInt8] = []
            var standardError: [UInt8] = []
        }

        let output = Mutex(Output())
        let exited = Mutex<CheckedContinuation<Void, Never>?>(nil)
        let finished = Mutex(false)
    }

    /// Starts `weft` with `arguments` in `directory`, with `environment` added to this process's environment.
    public init(
        _ arguments: [String], directory: URL? = nil, environment: [String: String] = [:], input: String? = nil
    ) throws {
        guard let executable = Self.executable else { throw WeftProcessError.notBuilt }
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        let state = state
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            state.output.withLock { $0.standardOutput += data }
        }
        stderr.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            state.output.withLock { $0.standardError += data }
        }
        process.terminationHandler = { _ in
            // Let the pipes drain what the process wrote last.
            stdout.fileHandleForReading.readabilityHandler = nil
            stderr.fileHandleForReading.readabilityHandler = nil
            let rest = stdout.fileHandleForReading.readDataToEndOfFile()
            let restError = stderr.fileHandleForReading.readDataToEndOfFile()
            state.output.withLock {
                $0.standardOutput += rest
                $0.standardError += restError
            }
            state.finished.withLock { $0 = true }
            state.exited.withLock { waiting in
                waiting?.resume()
                waiting = nil
            }
        }
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
    }

    /// Runs `weft` to the end (killing it after `timeout`) and returns what it printed.
    public static func run(
        _ arguments: [String], directory: URL? = nil, environment: [String: String] = [:], input: String? = nil,
        timeout: Duration = .seconds(120)
    ) async throws -> CommandResult {
        let process = try WeftProcess(arguments, directory: directory, environment: environment, input: input)
        return await process.wait(timeout: timeout)
    }

    /// What the process has printed so far.
    public var standardOutput: String {
        state.output.withLock { String(decoding: $0.standardOutput, as: UTF8.self) }
    }
    public var standardError: String {
        state.output.withLock { String(decoding: $0.standardError, as: UTF8.self) }
    }

    /// Waits until standard output has a line containing `text`, and returns that line; `nil` when the process
    /// ends first or `timeout` passes (a generous bound for a loaded machine, not a performance expectation).
    public func waitForLine(containing text: String, timeout: Duration = .seconds(60)) async -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = standardOutput.split(separator: "\n").first(where: { $0.contains(text) }) {
                return String(line)
            }
            if state.finished.withLock({ $0 }) { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Sends SIGINT, as Ctrl-C does.
    public func interrupt() {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
    }

    /// Waits for the process to end (killing it after `timeout`) and returns what it printed.
    public func wait(timeout: Duration = .seconds(120)) async -> CommandResult {
        let killer = Task { [process] in
            try await Task.sleep(for: timeout)
            if process.isRunning { process.terminate() }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyDone = state.finished.withLock { done in
                if !done { state.exited.withLock { $0 = continuation } }
                return done
            }
            if alreadyDone { continuation.resume() }
        }
        killer.cancel()
        return state.output.withLock {
            CommandResult(
                status: process.terminationStatus, standardOutput: String(decoding: $0.standardOutput, as: UTF8.self),
                standardError: String(decoding: $0.standardError, as: UTF8.self))
        }
    }
}

/// Why `weft` could not be started.
public enum WeftProcessError: Error, CustomStringConvertible {
    case notBuilt

    public var description: String {
        "the weft executable is not built next to the tests; run `swift build --build-tests` first"
    }
}
