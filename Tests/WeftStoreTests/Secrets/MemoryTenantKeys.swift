import Foundation
import WeftJSON
import WeftStore

/// One tenant of a ``MemoryKeyStore``: its wrapped data key, and nothing else (every other method throws
/// `.unavailable`).
struct MemoryTenantKeys: TenantStore {
    let tenantID: StoreID
    let store: MemoryKeyStore

    // Both suspend, as a real store's queries do, so that callers interleave as they would in production.

    func wrappedDataKey() async throws(StoreError) -> [UInt8]? {
        await Task.yield()
        return store.storedKey(tenantID)
    }

    func createWrappedDataKey(_ wrappedKey: [UInt8]) async throws(StoreError) -> [UInt8] {
        await Task.yield()
        return try store.createKey(wrappedKey, tenant: tenantID)
    }

    func setWrappedDataKey(_ wrappedKey: [UInt8]) async throws(StoreError) {
        await Task.yield()
        try store.writeKey(wrappedKey, tenant: tenantID)
    }

    // MARK: Not in this test double

    private var absent: StoreError { MemoryKeyStore.absent }

    func details() async throws(StoreError) -> Tenant? { throw absent }
    func delete() async throws(StoreError) { throw absent }
    func members() async throws(StoreError) -> [(user: User, membership: Membership)] { throw absent }
    func membership(userID: StoreID) async throws(StoreError) -> Membership? { throw absent }
    func setRole(_ role: Role, userID: StoreID) async throws(StoreError) -> Membership { throw absent }
    func removeMember(userID: StoreID) async throws(StoreError) { throw absent }
    func createInvitation(email: String, role: Role, tokenHash: String, invitedBy: StoreID, expiresAt: Date)
        async throws(StoreError) -> Invitation
    { throw absent }
    func invitations() async throws(StoreError) -> [Invitation] { throw absent }
    func deleteInvitation(id: StoreID) async throws(StoreError) { throw absent }
    func createAPIKey(name: String, role: Role, keyHash: String, prefix: String) async throws(StoreError) -> APIKey {
        throw absent
    }
    func apiKeys() async throws(StoreError) -> [APIKey] { throw absent }
    func revokeAPIKey(id: StoreID) async throws(StoreError) { throw absent }
    func appendAudit(actor: StoreID, action: String, target: String, details: JSON) async throws(StoreError) {
        throw absent
    }
    func auditLog(limit: Int, before: Date?) async throws(StoreError) -> [AuditEntry] { throw absent }
    func createFlow(name: String, source: String, appVersions: [String: String], createdBy: StoreID)
        async throws(StoreError) -> StoredFlow
    {
        throw absent
    }
    func addFlowVersion(flowID: StoreID, source: String, appVersions: [String: String], createdBy: StoreID)
        async throws(StoreError) -> StoredFlow
    {
        throw absent
    }
    func flows(after name: String?, limit: Int?) async throws(StoreError) -> [StoredFlow] { throw absent }
    func flow(id: StoreID) async throws(StoreError) -> StoredFlow? { throw absent }
    func flow(name: String) async throws(StoreError) -> StoredFlow? { throw absent }
    func flowVersions(flowID: StoreID) async throws(StoreError) -> [FlowVersion] { throw absent }
    func flowVersion(flowID: StoreID, version: Int) async throws(StoreError) -> FlowVersion? { throw absent }
    func setFlowEnabled(flowID: StoreID, enabled: Bool) async throws(StoreError) -> StoredFlow { throw absent }
    func deleteFlow(id: StoreID) async throws(StoreError) { throw absent }
    func saveApp(appID: String, version: String, source: String, createdBy: StoreID) async throws(StoreError)
        -> StoredApp
    { throw absent }
    func apps() async throws(StoreError) -> [StoredApp] { throw absent }
    func app(id appID: String, version: String?) async throws(StoreError) -> StoredApp? { throw absent }
    func appVersions(id appID: String) async throws(StoreError) -> [StoredApp] { throw absent }
    func deleteApp(id appID: String) async throws(StoreError) { throw absent }
    func saveConnection(_ connection: StoredConnection) async throws(StoreError) { throw absent }
    func connections() async throws(StoreError) -> [StoredConnection] { throw absent }
    func connection(name: String) async throws(StoreError) -> StoredConnection? { throw absent }
    func deleteConnection(name: String) async throws(StoreError) { throw absent }
    func saveRun(_ run: StoredRun) async throws(StoreError) { throw absent }
    func saveRuns(_ runs: [StoredRun]) async throws(StoreError) { throw absent }
    func run(id: StoreID) async throws(StoreError) -> StoredRun? { throw absent }
    func runs(_ query: RunQuery) async throws(StoreError) -> RunPage { throw absent }
    func enqueueRun(_ submission: RunSubmission) async throws(StoreError) -> Enqueued { throw absent }
    func runInput(id: StoreID) async throws(StoreError) -> JSON? { throw absent }
    func cancelRun(id: StoreID, at now: Date) async throws(StoreError) -> StoredRun { throw absent }
    func replayRun(id: StoreID, _ replay: RunReplay, at now: Date) async throws(StoreError) -> StoredRun {
        throw absent
    }
    func discardRun(id: StoreID, by actor: StoreID, at now: Date) async throws(StoreError) -> StoredRun { throw absent }
    func webhookToken(flowID: StoreID, creating candidate: String) async throws(StoreError) -> String { throw absent }
    func setWebhookToken(flowID: StoreID, token: String) async throws(StoreError) { throw absent }
    func triggerState(flowID: StoreID) async throws(StoreError) -> JSON? { throw absent }
    func saveTriggerState(flowID: StoreID, state: JSON) async throws(StoreError) { throw absent }
}
