import Foundation
import WeftJSON

/// Where the server keeps everything: accounts and sessions (global), and each organization's objects, reached
/// only through ``tenant(_:)``, so that no tenant-scoped query can be written without a tenant.
///
/// Implementations: `SQLiteStore` (the embedded default) and, later, PostgreSQL. Both pass the same conformance
/// suite. Every method is atomic; errors are ``StoreError``s whose messages are safe to show.
public protocol WeftStore: Sendable {
    /// Brings the database schema to the latest version; safe to call on every start.
    func migrate() async throws(StoreError)

    // MARK: Accounts

    /// Adds a user; `.conflict` when the email is taken (emails compare lowercased).
    func createUser(email: String, name: String, passwordHash: String) async throws(StoreError) -> User
    func user(id: StoreID) async throws(StoreError) -> User?
    func user(email: String) async throws(StoreError) -> User?
    /// How many users there are (a first start with none tells the newcomer how to begin).
    func userCount() async throws(StoreError) -> Int
    /// Deletes a user with their sessions and memberships (personal data); `.invalid` when they are the last
    /// owner of an organization that has other members.
    func deleteUser(id: StoreID) async throws(StoreError)

    /// Stores a session for `userID` under the hash of its token.
    func createAccessToken(userID: StoreID, tokenHash: String, expiresAt: Date) async throws(StoreError)
        -> AccessToken
    /// The session whose token hashes to `tokenHash`, revoked or expired ones included (the caller checks).
    func accessToken(hash tokenHash: String) async throws(StoreError) -> AccessToken?
    /// Revokes one session; revoking twice is not an error.
    func revokeAccessToken(id: StoreID) async throws(StoreError)

    /// The API key whose key hashes to `keyHash`, in whichever tenant it belongs to.
    func apiKey(hash keyHash: String) async throws(StoreError) -> APIKey?

    // MARK: OAuth sign-ins

    /// Records a browser sign-in under way.
    func saveOAuthSignIn(_ signIn: OAuthSignIn) async throws(StoreError)
    /// Uses up the unexpired sign-in whose state has this hash: it is deleted and returned, once.
    func takeOAuthSignIn(stateHash: String) async throws(StoreError) -> OAuthSignIn?

    // MARK: Invitations

    /// The unexpired invitation whose token has this hash, in any organization.
    func invitation(tokenHash: String) async throws(StoreError) -> Invitation?
    /// Uses up invitation `id`: `userID` becomes a member with its role (a member already keeps the higher of the
    /// two roles), and the invitation is deleted, in one transaction. `.notFound` when it is gone or expired.
    func acceptInvitation(id: StoreID, userID: StoreID) async throws(StoreError) -> Membership

    // MARK: Organizations

    /// Creates an organization with `owner` as its first Owner.
    func createTenant(name: String, owner: StoreID) async throws(StoreError) -> Tenant
    /// The organizations `userID` belongs to, with their role in each.
    func memberships(userID: StoreID) async throws(StoreError) -> [(tenant: Tenant, role: Role)]
    /// The store of one organization. No check happens here; the server resolves a caller's membership first.
    func tenant(_ id: StoreID) -> any TenantStore

    // MARK: Keys

    /// Every tenant's wrapped data key, for rotating the master key.
    func wrappedDataKeys() async throws(StoreError) -> [(tenantID: StoreID, wrappedKey: [UInt8])]

    // MARK: Run queue (every organization's runs: the workers' side)

    /// Claims up to `limit` runs for `owner`: queued runs available by `now`, oldest first, then running runs
    /// whose lease expired (their worker died or stalled, even before its first heartbeat). Each claim raises the
    /// run's fencing token and counts in ``ClaimedRun/claims``. Runs of `excludingTenants` (at their limit of
    /// concurrent runs) are left for later.
    func claimRuns(
        owner: String, limit: Int, leaseDuration: TimeInterval, now: Date, excludingTenants: Set<StoreID>
    ) async throws(StoreError) -> [ClaimedRun]
    /// Extends the leases its holder still has, and says for each run whether it is still held, lost or asked
    /// to stop.
    func heartbeat(_ claims: [RunClaim], leaseDuration: TimeInterval, now: Date) async throws(StoreError) -> [StoreID:
        HeartbeatAnswer]
    /// Stores where a held run stands (the engine's checkpoint); `.conflict` under a lost lease.
    func checkpointRun(_ claim: RunClaim, checkpoint: JSON, now: Date) async throws(StoreError)
    /// Finishes a held run with its final state and record; `.conflict` under a lost lease (the new holder's work
    /// is kept).
    func completeRun(_ claim: RunClaim, state: String, finishedAt: Date, record: JSON, now: Date)
        async throws(StoreError)
    /// Gives a held run back to the queue, to be claimed again from `availableAt` (a worker shutting down, a run
    /// waiting out a rate limit); `.conflict` under a lost lease.
    func releaseRun(_ claim: RunClaim, availableAt: Date) async throws(StoreError)
    /// How many runs wait and run, and the oldest waiting.
    func queueStatus() async throws(StoreError) -> QueueStatus
    /// Deletes the runs finished before `finishedBefore` and the stored payloads expired by `now`.
    func purge(finishedBefore: Date, now: Date) async throws(StoreError) -> PurgeResult
    /// The flow a webhook address token belongs to.
    func webhookFlow(token: String) async throws(StoreError) -> (tenantID: StoreID, flowID: StoreID)?
    /// Every organization's enabled flows, by id, a page at a time (`after` the last id of the previous page): what
    /// the trigger host watches.
    func enabledFlows(after: StoreID?, limit: Int) async throws(StoreError) -> [StoredFlow]
}

/// One organization's objects. Every query is bound to ``tenantID``: an object of another tenant is
/// `nil` or `.notFound`, exactly as if it did not exist.
public protocol TenantStore: Sendable {
    var tenantID: StoreID { get }

    /// The organization itself; `nil` when it does not exist.
    func details() async throws(StoreError) -> Tenant?
    /// Deletes the organization and everything it owns.
    func delete() async throws(StoreError)

    // MARK: Members

    func members() async throws(StoreError) -> [(user: User, membership: Membership)]
    func membership(userID: StoreID) async throws(StoreError) -> Membership?
    /// Adds a member or changes their role; `.invalid` when it would leave the organization without an Owner.
    func setRole(_ role: Role, userID: StoreID) async throws(StoreError) -> Membership
    /// `.invalid` when it would leave the organization without an Owner.
    func removeMember(userID: StoreID) async throws(StoreError)

    // MARK: Invitations

    /// Invites `email` (lowercased) with `role` until `expiresAt`; replaces a pending invitation of the same email.
    func createInvitation(email: String, role: Role, tokenHash: String, invitedBy: StoreID, expiresAt: Date)
        async throws(StoreError) -> Invitation
    /// The pending (unexpired) invitations, oldest first.
    func invitations() async throws(StoreError) -> [Invitation]
    /// Withdraws an invitation; `.notFound` when there is none with this id.
    func deleteInvitation(id: StoreID) async throws(StoreError)

    // MARK: API keys

    func createAPIKey(name: String, role: Role, keyHash: String, prefix: String) async throws(StoreError) -> APIKey
    func apiKeys() async throws(StoreError) -> [APIKey]
    func revokeAPIKey(id: StoreID) async throws(StoreError)

    // MARK: Audit log

    func appendAudit(actor: StoreID, action: String, target: String, details: JSON) async throws(StoreError)
    /// Newest first, at most `limit`, entries strictly older than `before` when given.
    func auditLog(limit: Int, before: Date?) async throws(StoreError) -> [AuditEntry]

    // MARK: Flows

    /// Creates a flow named `name` with its first version, which pins `appVersions` (app id → version);
    /// `.conflict` when the name is taken.
    func createFlow(name: String, source: String, appVersions: [String: String], createdBy: StoreID)
        async throws(StoreError) -> StoredFlow
    /// Saves a new version of a flow, pinning `appVersions`; returns the flow with its new latest version.
    func addFlowVersion(flowID: StoreID, source: String, appVersions: [String: String], createdBy: StoreID)
        async throws(StoreError) -> StoredFlow
    /// Flows by name: those after `name` (all when nil), at most `limit` (all when nil).
    func flows(after name: String?, limit: Int?) async throws(StoreError) -> [StoredFlow]
    func flow(id: StoreID) async throws(StoreError) -> StoredFlow?
    func flow(name: String) async throws(StoreError) -> StoredFlow?
    func flowVersions(flowID: StoreID) async throws(StoreError) -> [FlowVersion]
    func flowVersion(flowID: StoreID, version: Int) async throws(StoreError) -> FlowVersion?
    func setFlowEnabled(flowID: StoreID, enabled: Bool) async throws(StoreError) -> StoredFlow
    /// Deletes a flow with its versions and runs.
    func deleteFlow(id: StoreID) async throws(StoreError)

    // MARK: Apps

    /// Stores a version of an app; `.conflict` when that version of that app exists (versions are immutable).
    func saveApp(appID: String, version: String, source: String, createdBy: StoreID) async throws(StoreError)
        -> StoredApp
    /// The newest version (by semantic version) of each app.
    func apps() async throws(StoreError) -> [StoredApp]
    /// One version of an app, or its newest when `version` is `nil`.
    func app(id appID: String, version: String?) async throws(StoreError) -> StoredApp?
    /// Every version of an app, newest first.
    func appVersions(id appID: String) async throws(StoreError) -> [StoredApp]
    /// Deletes every version of an app.
    func deleteApp(id appID: String) async throws(StoreError)

    // MARK: Connections

    /// Creates or replaces (by name) a connection.
    func saveConnection(_ connection: StoredConnection) async throws(StoreError)
    func connections() async throws(StoreError) -> [StoredConnection]
    func connection(name: String) async throws(StoreError) -> StoredConnection?
    func deleteConnection(name: String) async throws(StoreError)

    /// The tenant's data key, wrapped by the master key; `nil` before the first secret is stored.
    func wrappedDataKey() async throws(StoreError) -> [UInt8]?
    /// Stores the tenant's first data key unless it has one, and returns the one it has: `wrappedKey`, or the key
    /// another process stored first (so two servers sealing a tenant's first secret agree on one key).
    func createWrappedDataKey(_ wrappedKey: [UInt8]) async throws(StoreError) -> [UInt8]
    /// Replaces the wrapped data key (master key rotation).
    func setWrappedDataKey(_ wrappedKey: [UInt8]) async throws(StoreError)

    // MARK: Runs

    /// Stores a run (new or updated, by id).
    func saveRun(_ run: StoredRun) async throws(StoreError)
    /// Saves many runs in one transaction: all or none (imports, and writes batched for durability at a low cost).
    func saveRuns(_ runs: [StoredRun]) async throws(StoreError)
    func run(id: StoreID) async throws(StoreError) -> StoredRun?
    func runs(_ query: RunQuery) async throws(StoreError) -> RunPage

    // MARK: Durable runs

    /// Creates a queued run and enqueues it in one transaction; with an idempotency key already used for the
    /// flow, answers that run instead (`created` false).
    func enqueueRun(_ submission: RunSubmission) async throws(StoreError) -> Enqueued
    /// A run's input as submitted (resolved when stored by reference); nil for runs stored without one.
    func runInput(id: StoreID) async throws(StoreError) -> JSON?
    /// Cancels a run: a queued one at once; a running one is asked to stop at its next step (its worker learns it
    /// at the next heartbeat). `.invalid` for a run already over.
    func cancelRun(id: StoreID, at now: Date) async throws(StoreError) -> StoredRun
    /// Queues a failed, dead-lettered or cancelled run again, from its failed step or from the start, on its
    /// pinned or another flow version, optionally with a corrected message. `.invalid` for other states.
    func replayRun(id: StoreID, _ replay: RunReplay, at now: Date) async throws(StoreError) -> StoredRun
    /// Sets a failed or dead-lettered run aside for good: it becomes `cancelled`, noted as discarded.
    func discardRun(id: StoreID, by actor: StoreID, at now: Date) async throws(StoreError) -> StoredRun

    // MARK: Trigger state

    /// The flow's webhook address token, set to `candidate` when it has none yet.
    func webhookToken(flowID: StoreID, creating candidate: String) async throws(StoreError) -> String
    /// Replaces the flow's webhook address token (the old address stops working).
    func setWebhookToken(flowID: StoreID, token: String) async throws(StoreError)
    /// What a flow's trigger remembers between firings (a schedule's last tick, a poll's cursor and seen keys).
    func triggerState(flowID: StoreID) async throws(StoreError) -> JSON?
    /// Stores a flow's trigger state.
    func saveTriggerState(flowID: StoreID, state: JSON) async throws(StoreError)
}

extension TenantStore {
    /// Every flow, by name.
    public func flows() async throws(StoreError) -> [StoredFlow] {
        try await flows(after: nil, limit: nil)
    }
}
