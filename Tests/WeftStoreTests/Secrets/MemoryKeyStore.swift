import Foundation
import Synchronization
import WeftJSON
import WeftStore

/// A ``WeftStore`` that keeps only tenants' wrapped data keys, in memory: what ``TenantKeyring`` and
/// ``KeyRotation`` use. Every other method throws `.unavailable`.
///
/// It counts writes and can be told to fail writes after a number of them, to test a rotation that stops half
/// way.
final class MemoryKeyStore: WeftStore {
    private struct State {
        var keys: [StoreID: [UInt8]] = [:]
        var writes = 0
        var failingAfterWrites: Int?
    }

    private let state = Mutex(State())

    init() {}

    /// How many times a wrapped key was set.
    var writeCount: Int { state.withLock { $0.writes } }

    /// The wrapped key of `tenant`, as stored.
    func storedKey(_ tenant: StoreID) -> [UInt8]? {
        state.withLock { $0.keys[tenant] }
    }

    /// Replaces the stored wrapped key of `tenant` directly (to tamper with it or copy another tenant's).
    func replaceStoredKey(_ tenant: StoreID, with wrapped: [UInt8]?) {
        state.withLock { $0.keys[tenant] = wrapped }
    }

    /// Makes every write fail once `count` more writes have succeeded; `nil` lets writes succeed again.
    func failWrites(after count: Int?) {
        state.withLock { state in state.failingAfterWrites = count.map { state.writes + $0 } }
    }

    /// Stores the wrapped key of `tenant` unless it has one and returns the stored one, as
    /// ``MemoryTenantKeys/createWrappedDataKey(_:)`` does.
    func createKey(_ wrapped: [UInt8], tenant: StoreID) throws(StoreError) -> [UInt8] {
        if let existing = storedKey(tenant) { return existing }
        try writeKey(wrapped, tenant: tenant)
        return storedKey(tenant) ?? wrapped
    }

    /// Sets the wrapped key of `tenant`, as ``MemoryTenantKeys/setWrappedDataKey(_:)`` does.
    func writeKey(_ wrapped: [UInt8], tenant: StoreID) throws(StoreError) {
        try state.withLock { (state) throws(StoreError) in
            if let limit = state.failingAfterWrites, state.writes >= limit {
                throw StoreError(.unavailable, "the test double refuses this write")
            }
            state.keys[tenant] = wrapped
            state.writes += 1
        }
    }

    func wrappedDataKeys() async throws(StoreError) -> [(tenantID: StoreID, wrappedKey: [UInt8])] {
        state.withLock { $0.keys.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    }

    func tenant(_ id: StoreID) -> any TenantStore {
        MemoryTenantKeys(tenantID: id, store: self)
    }

    // MARK: Not in this test double

    func migrate() async throws(StoreError) { throw Self.absent }
    func createUser(email: String, name: String, passwordHash: String) async throws(StoreError) -> User {
        throw Self.absent
    }
    func user(id: StoreID) async throws(StoreError) -> User? { throw Self.absent }
    func user(email: String) async throws(StoreError) -> User? { throw Self.absent }
    func userCount() async throws(StoreError) -> Int { throw Self.absent }
    func deleteUser(id: StoreID) async throws(StoreError) { throw Self.absent }
    func createAccessToken(userID: StoreID, tokenHash: String, expiresAt: Date) async throws(StoreError)
        -> AccessToken
    { throw Self.absent }
    func accessToken(hash tokenHash: String) async throws(StoreError) -> AccessToken? { throw Self.absent }
    func revokeAccessToken(id: StoreID) async throws(StoreError) { throw Self.absent }
    func apiKey(hash keyHash: String) async throws(StoreError) -> APIKey? { throw Self.absent }
    func invitation(tokenHash: String) async throws(StoreError) -> Invitation? { throw Self.absent }
    func saveOAuthSignIn(_ signIn: OAuthSignIn) async throws(StoreError) { throw Self.absent }
    func takeOAuthSignIn(stateHash: String) async throws(StoreError) -> OAuthSignIn? { throw Self.absent }
    func acceptInvitation(id: StoreID, userID: StoreID) async throws(StoreError) -> Membership { throw Self.absent }
    func createTenant(name: String, owner: StoreID) async throws(StoreError) -> Tenant { throw Self.absent }
    func memberships(userID: StoreID) async throws(StoreError) -> [(tenant: Tenant, role: Role)] {
        throw Self.absent
    }

    func claimRuns(
        owner: String, limit: Int, leaseDuration: TimeInterval, now: Date, excludingTenants: Set<StoreID>
    ) async throws(StoreError) -> [ClaimedRun] { throw Self.absent }
    func heartbeat(_ claims: [RunClaim], leaseDuration: TimeInterval, now: Date) async throws(StoreError) -> [StoreID:
        HeartbeatAnswer]
    { throw Self.absent }
    func checkpointRun(_ claim: RunClaim, checkpoint: JSON, now: Date) async throws(StoreError) { throw Self.absent }
    func completeRun(_ claim: RunClaim, state: String, finishedAt: Date, record: JSON, now: Date)
        async throws(StoreError)
    { throw Self.absent }
    func releaseRun(_ claim: RunClaim, availableAt: Date) async throws(StoreError) { throw Self.absent }
    func queueStatus() async throws(StoreError) -> QueueStatus { throw Self.absent }
    func purge(finishedBefore: Date, now: Date) async throws(StoreError) -> PurgeResult { throw Self.absent }
    func enabledFlows(after: StoreID?, limit: Int) async throws(StoreError) -> [StoredFlow] { throw Self.absent }
    func webhookFlow(token: String) async throws(StoreError) -> (tenantID: StoreID, flowID: StoreID)? {
        throw Self.absent
    }
    static let absent = StoreError(.unavailable, "not in this test double")
}
