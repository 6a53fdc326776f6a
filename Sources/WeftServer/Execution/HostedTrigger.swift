import Foundation
import WeftConnectors
import WeftModel
import WeftRuntime
import WeftStore

/// One flow version's trigger source, ready to watch, with what its runs are created with.
struct HostedTrigger: Sendable {
    let flow: StoredFlow
    let version: Int
    /// `schedule`, `poll` or `file`: the runs' trigger, and the prefix of their idempotency keys.
    let kind: String
    let source: any TriggerSource
    /// Masks the secrets of the flow's connections in what the source reports (polls only).
    let mask: @Sendable (String) -> String
}

/// Why a flow version's trigger cannot be watched: a fault of the flow or of the server's configuration that
/// only a new version (or a restart with another configuration) can mend, so it is reported once, not retried.
struct TriggerSetupError: Error, CustomStringConvertible {
    var message: String

    init(_ message: String) { self.message = message }

    var description: String { message }
}

/// Builds the trigger sources of stored flows, as the server may run them.
struct TriggerFactory: Sendable {
    let sealer: SecretSealer
    /// Sends polls' requests, behind the egress guard.
    let outbound: any HTTPTransport
    let clock: any WeftClock
    /// The directory file triggers must stay in (symbolic links resolved); `nil` refuses every file trigger.
    let fileRoot: URL?

    /// The source of `flow` at `version`, or `nil` when its trigger needs none (manual, webhook). Throws
    /// ``TriggerSetupError`` for a trigger that cannot be watched, other errors for a store that could not be read
    /// (worth trying again).
    func source(of flow: StoredFlow, version: Int, tenant: any TenantStore) async throws -> HostedTrigger? {
        guard let stored = try await tenant.flowVersion(flowID: flow.id, version: version) else {
            // Deleted or replaced while being read: the next refresh sees what became of it.
            throw StoreError(.notFound, "version \(version) of the flow")
        }
        guard case .flow(let parsed)? = WeftDocument.parse(stored.source, file: "\(flow.name).flow.yaml").document
        else { throw TriggerSetupError("the stored flow no longer reads as a flow") }
        let state = StoredTriggerState(tenant: tenant, flowID: flow.id)
        let unmasked: @Sendable (String) -> String = { $0 }
        switch parsed.trigger {
        case .manual, .webhook:
            return nil
        case .schedule(let schedule):
            do throws(CronError) {
                let source = try ScheduleSource(trigger: schedule, clock: clock, state: state)
                return HostedTrigger(flow: flow, version: version, kind: "schedule", source: source, mask: unmasked)
            } catch {
                throw TriggerSetupError("the schedule `\(schedule.cron)` cannot be read: \(error)")
            }
        case .poll(let poll):
            let actions = try await pollActions(poll, flow: parsed, name: flow.name, pins: stored.appVersions, tenant)
            let effects = ServerRunEffects(base: LocalEffects(actions: actions, transport: outbound))
            let source = PollSource(
                flowId: flow.id.rawValue, trigger: poll, effects: effects, clock: clock, state: state)
            return HostedTrigger(
                flow: flow, version: version, kind: "poll", source: source, mask: { actions.masked($0) })
        case .file(let file):
            // Each organization has its own directory under the file root, named by its id: one organization's
            // flows cannot read or move another's files.
            let root = fileRoot?.appendingPathComponent(flow.tenantID.rawValue, isDirectory: true)
            if let root {
                try? FileManager.default.createDirectory(
                    at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            let confined = try Self.confine(file, to: root)
            let source = FileSource(
                trigger: confined, base: root ?? URL(fileURLWithPath: "/"), clock: clock, state: state)
            return HostedTrigger(flow: flow, version: version, kind: "file", source: source, mask: unmasked)
        }
    }

    /// The action caller of a poll, once its app, action and connection are known to exist.
    private func pollActions(
        _ poll: PollTrigger, flow: Flow, name: String, pins: [String: String], _ tenant: any TenantStore
    ) async throws -> PollActions {
        let apps: [String: AppManifest]
        do {
            apps = try await TenantApps(tenant: tenant).pinned(pins, flow: name)
        } catch let error as APIError {
            throw TriggerSetupError(error.message)
        }
        guard let app = apps[poll.action.app] else {
            throw TriggerSetupError("the poll's app `\(poll.action.app)` does not exist")
        }
        guard app.actions[poll.action.action] != nil else {
            throw TriggerSetupError("the app `\(app.id)` has no action `\(poll.action.action)` to poll")
        }
        if let connection = poll.connection {
            guard flow.connections[connection] != nil else {
                throw TriggerSetupError("the poll's connection `\(connection)` is not among the flow's `connections`")
            }
            guard let stored = try await tenant.connection(name: connection) else {
                throw TriggerSetupError("the poll's connection `\(connection)` does not exist")
            }
            guard stored.appID == app.id else {
                throw TriggerSetupError(
                    "the poll's connection `\(connection)` is for the app `\(stored.appID)`, not `\(app.id)`")
            }
        }
        return PollActions(
            tenant: tenant, sealer: sealer, connectionNames: Array(flow.connections.keys), apps: apps,
            pool: AppClientPool(transport: outbound, clock: clock))
    }

    /// `trigger` with its directory and `move_to` made absolute, once both are known to lie inside `root` (the
    /// organization's directory under the file root; after resolving `..` and symbolic links): a tenant's flow must
    /// not read or move files elsewhere on the server. A relative directory is relative to the root.
    static func confine(_ trigger: FileTrigger, to root: URL?) throws(TriggerSetupError) -> FileTrigger {
        guard let root else {
            throw TriggerSetupError(
                "file triggers are refused: this server has no directory configured for them (a file root)")
        }
        let directory = resolved(trigger.directory, relativeTo: root)
        guard contains(root, directory) else {
            throw TriggerSetupError(
                "the directory `\(trigger.directory)` is outside the organization's directory in the server's file root"
            )
        }
        var confined = trigger
        confined.directory = directory.path
        if trigger.after == .move {
            let processed = resolved(trigger.moveTo ?? "processed", relativeTo: directory)
            guard contains(root, processed) else {
                throw TriggerSetupError(
                    "`move_to: \(trigger.moveTo ?? "processed")` is outside the organization's directory in the "
                        + "server's file root")
            }
            confined.moveTo = processed.path
        }
        return confined
    }

    /// `path` (relative to `base` unless absolute) with `.`, `..` and existing symbolic links resolved.
    static func resolved(_ path: String, relativeTo base: URL) -> URL {
        URL(fileURLWithPath: path, isDirectory: true, relativeTo: URL(fileURLWithPath: base.path, isDirectory: true))
            .standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Whether `url` is `root` or lies beneath it.
    static func contains(_ root: URL, _ url: URL) -> Bool {
        let rootPath = root.path
        let path = url.path
        if path == rootPath { return true }
        return path.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
    }
}
