import Foundation
import Synchronization
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// A stored flow version ready to run: parsed, with the app versions it was saved against.
struct PreparedFlow: Sendable {
    let readAt: ContinuousClock.Instant
    let name: String
    let flow: Flow
    let apps: [String: AppManifest]
    /// The top-level steps after which a run's checkpoint is stored: those with effects, but not the last (the
    /// completion records it). Pure steps (`map`, `filter`, `convert`) are cheaper to run again than to store.
    let checkpointedSteps: Set<String>

    init(readAt: ContinuousClock.Instant, name: String, flow: Flow, apps: [String: AppManifest]) {
        self.readAt = readAt
        self.name = name
        self.flow = flow
        self.apps = apps
        checkpointedSteps = Set(
            flow.steps.dropLast().filter {
                switch $0.kind {
                case .map, .filter, .convert: return false
                default: return true
                }
            }.map(\.id))
    }

    /// Whether `checkpoint` is worth a write.
    func stores(_ checkpoint: RunCheckpoint) -> Bool {
        checkpoint.completedSteps.last.map(checkpointedSteps.contains) ?? false
    }
}

/// What runs need from the store, read once and kept for a few seconds: parsed flow versions with their pinned
/// apps, and opened connections. Reading and parsing these for every message would cost more than running the
/// flow; keeping them briefly means an edited connection or a deleted app version is seen by runs that start a
/// few seconds later (at once by manual starts, which read afresh).
final class FlowResources: Sendable {
    private struct FlowKey: Hashable {
        let tenant: StoreID
        let flow: StoreID
        let version: Int
    }
    private struct OpenedConnections {
        let values: [String: ConnectionValues]
        let secrets: [String]
        let readAt: ContinuousClock.Instant
    }

    let sealer: SecretSealer
    /// How long opened connections are reused.
    let lifetime: Duration
    private let flows = Mutex<[FlowKey: PreparedFlow]>([:])
    private let connections = Mutex<[StoreID: OpenedConnections]>([:])
    private let webhooks = Mutex<[String: (flow: StoredFlow, readAt: ContinuousClock.Instant)]>([:])
    private static let capacity = 2000

    init(sealer: SecretSealer, lifetime: Duration = .seconds(5)) {
        self.sealer = sealer
        self.lifetime = lifetime
    }

    /// Version `version` of the organization's flow `flowID`, parsed, with its pinned apps; read afresh when
    /// `fresh` (and kept for the runs that follow).
    func flow(_ flowID: StoreID, version: Int, tenant: any TenantStore, fresh: Bool = false) async throws
        -> PreparedFlow
    {
        let key = FlowKey(tenant: tenant.tenantID, flow: flowID, version: version)
        if !fresh, let prepared = flows.withLock({ $0[key] }), ContinuousClock.now - prepared.readAt < lifetime {
            return prepared
        }
        guard let stored = try await tenant.flow(id: flowID) else { throw APIError.notFound("the flow") }
        guard let source = try await tenant.flowVersion(flowID: flowID, version: version) else {
            throw APIError.notFound("version \(version) of the flow")
        }
        guard case .flow(let flow)? = WeftDocument.parse(source.source, file: "\(stored.name).flow.yaml").document
        else {
            throw APIError(.unprocessableContent, "invalid_flow", "the stored flow no longer reads as a flow")
        }
        let apps = try await TenantApps(tenant: tenant).pinned(source.appVersions, flow: stored.name)
        let prepared = PreparedFlow(readAt: .now, name: stored.name, flow: flow, apps: apps)
        flows.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[key] = prepared
        }
        return prepared
    }

    /// The flow whose webhook address token is `token` (nil when none is); kept like the rest, forgotten at once
    /// when this process rotates the token.
    func webhookFlow(token: String, store: any WeftStore) async throws -> StoredFlow? {
        let now = ContinuousClock.now
        if let kept = webhooks.withLock({ $0[token] }), now - kept.readAt < lifetime { return kept.flow }
        guard let target = try await store.webhookFlow(token: token),
            let flow = try await store.tenant(target.tenantID).flow(id: target.flowID)
        else { return nil }
        webhooks.withLock { cache in
            if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
            cache[token] = (flow, now)
        }
        return flow
    }

    /// Forgets every kept webhook address of `flowID` (its token was replaced).
    func forgetWebhooks(of flowID: StoreID) {
        webhooks.withLock { cache in cache = cache.filter { $0.value.flow.id != flowID } }
    }

    /// The organization's connections that `flow` names, opened, with every secret string (for masking); read
    /// afresh when `fresh`.
    func connections(for flow: Flow, tenant: any TenantStore, fresh: Bool = false) async throws -> (
        values: [String: ConnectionValues], secrets: [String]
    ) {
        let now = ContinuousClock.now
        if !fresh, let cached = connections.withLock({ $0[tenant.tenantID] }), now - cached.readAt < lifetime,
            flow.connections.keys.allSatisfy({ cached.values[$0] != nil })
        {
            return (cached.values, cached.secrets)
        }
        var values: [String: ConnectionValues] = [:]
        var secrets: [String] = []
        for connection in try await tenant.connections() {
            let opened = try await ConnectionSecrets.open(connection, sealer: sealer)
            values[connection.name] = opened.values
            secrets += opened.secrets
        }
        let opened = OpenedConnections(values: values, secrets: secrets, readAt: now)
        connections.withLock { $0[tenant.tenantID] = opened }
        return (values, secrets)
    }
}
