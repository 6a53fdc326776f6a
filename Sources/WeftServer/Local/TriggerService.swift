import ServiceLifecycle
import WeftRuntime

/// A trigger source as a service: it watches until graceful shutdown and hands each message to the run queue,
/// accepting it once its run has finished.
public struct TriggerService: Service {
    public let source: any TriggerSource
    public let queue: LocalRunQueue
    public let report: @Sendable (TriggerNotice) -> Void

    /// Creates the service.
    public init(source: any TriggerSource, queue: LocalRunQueue, report: @escaping @Sendable (TriggerNotice) -> Void) {
        self.source = source
        self.queue = queue
        self.report = report
    }

    public func run() async throws {
        let queue = queue
        try await cancelWhenGracefulShutdown {
            do {
                try await source.run(
                    deliver: { delivery in await queue.run(delivery) == nil ? .refused : .accepted },
                    report: report)
            } catch is CancellationError {
                return
            }
        }
    }
}
