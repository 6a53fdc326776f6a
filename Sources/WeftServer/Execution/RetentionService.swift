import Foundation
import Logging
import ServiceLifecycle
import WeftStore

/// Deletes run data older than the retention period (finished runs, expired payloads), at start and then every
/// `interval`.
struct RetentionService: Service {
    let store: any WeftStore
    /// How long finished runs are kept.
    let retention: Duration
    let interval: Duration
    let logger: Logger

    func run() async throws {
        // Stopping is the end of the wait, not a failure of the service.
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await purgeOnce()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One purge, logged when it removed anything.
    func purgeOnce() async {
        let now = Date()
        let cutoff = now.addingTimeInterval(-Double(retention.components.seconds))
        do {
            let result = try await store.purge(finishedBefore: cutoff, now: now)
            if result.runs > 0 || result.payloads > 0 {
                logger.info(
                    "purged old run data", metadata: ["runs": "\(result.runs)", "payloads": "\(result.payloads)"])
            }
        } catch {
            logger.error("purging old run data failed", metadata: ["error": "\(error)"])
        }
    }
}
