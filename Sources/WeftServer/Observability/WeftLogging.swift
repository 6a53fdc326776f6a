import Logging
import Synchronization

/// The output format of the server's logs.
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's plain text lines on standard error, for people.
    case text
    /// One JSON object per line on standard error (``JSONLogHandler``), for log collectors.
    case json
}

/// Process-wide logging set-up.
public enum WeftLogging {
    private static let bootstrapped = Mutex(false)

    /// Bootstraps swift-log for the process with `format` at `level`, once.
    ///
    /// swift-log traps when bootstrapped twice, so only the first call has an effect; later calls return `false`
    /// and change nothing. Call it at start-up, before creating loggers.
    ///
    /// - Parameters:
    ///   - format: ``LogFormat/json`` for ``JSONLogHandler``, ``LogFormat/text`` for swift-log's
    ///     `StreamLogHandler.standardError`.
    ///   - level: The lowest level written.
    ///   - metadataProvider: Contextual metadata (such as task-local ids) added to every line, if any.
    /// - Returns: Whether this call bootstrapped the logging system.
    @discardableResult
    public static func bootstrap(
        format: LogFormat, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil
    ) -> Bool {
        let first = bootstrapped.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return false }
        LoggingSystem.bootstrap(
            { label, provider in makeHandler(format: format, level: level, label: label, metadataProvider: provider) },
            metadataProvider: metadataProvider
        )
        return true
    }

    /// The handler ``bootstrap(format:level:metadataProvider:)`` installs for the logger `label`.
    public static func makeHandler(
        format: LogFormat, level: Logger.Level, label: String, metadataProvider: Logger.MetadataProvider? = nil
    ) -> any LogHandler {
        var handler: any LogHandler
        switch format {
        case .json:
            handler = JSONLogHandler(label: label, metadataProvider: metadataProvider)
        case .text:
            handler = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
        }
        handler.logLevel = level
        return handler
    }
}
