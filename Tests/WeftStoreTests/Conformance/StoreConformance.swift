import Testing
import WeftStore

/// The contract every ``WeftStore`` implementation keeps, as checks to run against it.
///
/// An implementation's tests run each check on a new, migrated, empty store:
///
/// ```swift
/// @Test(arguments: StoreConformance.checks)
/// func conformance(_ check: StoreCheck) async throws {
///     try await withStore { store in try await check.body(store) }
/// }
/// ```
enum StoreConformance {
    /// Every check, by concern.
    static let checks: [StoreCheck] =
        accounts + organizations + apiKeysAndAudit + flows + concurrency + apps + connections + runs + queue
        + durableRuns + isolation
}
