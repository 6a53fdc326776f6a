import ArgumentParser
import Logging
import WeftServer

/// The options of every process that executes runs (`weft serve`, `weft worker`): what runs may reach, how many
/// run at once, how long a run is held without a heartbeat, and how the process logs.
struct RunOptions: ParsableArguments {
    @Option(
        name: .customLong("allow-egress"),
        help:
            "A host runs may reach although the egress guard would refuse it (loopback, a private network); repeatable."
    )
    var allowEgress: [String] = []

    @Option(help: "Runs executed at once by this process.")
    var concurrency = 64

    @Option(
        name: .customLong("lease-seconds"),
        help: "How long a run is held without a heartbeat before another worker takes it over.")
    var leaseSeconds: Double = 30

    @Option(name: .customLong("log-format"), help: "Log lines as `text` or `json` (one object per line, with ids).")
    var logFormat: LogFormat = .text

    @Option(name: .customLong("log-level"), help: "The least important log level written (trace … critical).")
    var logLevel = "info"

    /// The execution settings these options set (the others at their defaults).
    var settings: RunExecution.Settings {
        var settings = RunExecution.Settings()
        settings.concurrency = concurrency
        settings.leaseDuration = max(1, leaseSeconds)
        return settings
    }

    /// Sets up the process's logging (once) and answers its logger, labelled `label`.
    func bootstrapLogging(label: String) throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--log-level must be one of \(names), not `\(logLevel)`")
        }
        WeftLogging.bootstrap(format: logFormat, level: level)
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}

extension LogFormat: ExpressibleByArgument {}
