import Foundation
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// Runs a stored flow version on the server, in the request that asked for it: the organization's apps and
/// connections (secrets opened only in memory), the guarded outbound client, and a record stored with its
/// steps and log, every secret of the connections masked and every input and output capped in size.
struct FlowRunner {
    let tenant: any TenantStore
    let sealer: SecretSealer
    let outbound: any HTTPTransport
    /// The largest step input or output kept in a record, serialized; larger ones are replaced by a note.
    static let valueLimit = 64 * 1024

    func run(
        flow stored: StoredFlow, version: Int, input: JSON, dryRun: Bool, actor: StoreID
    ) async throws -> StoredRun {
        guard let source = try await tenant.flowVersion(flowID: stored.id, version: version) else {
            throw APIError.notFound("version \(version) of the flow")
        }
        guard case .flow(let flow)? = WeftDocument.parse(source.source, file: "\(stored.name).flow.yaml").document
        else {
            throw APIError(.unprocessableContent, "invalid_flow", "the stored flow no longer reads as a flow")
        }
        let apps = try await TenantApps(tenant: tenant).pinned(source.appVersions, flow: stored.name)
        var connections: [String: ConnectionValues] = [:]
        var secrets: [String] = []
        for (name, _) in flow.connections {
            guard let connection = try await tenant.connection(name: name) else { continue }
            let opened = try await ConnectionSecrets.open(connection, sealer: sealer)
            connections[name] = opened.values
            secrets += opened.secrets
        }
        let log = RunLog()
        let actions = LocalActions(apps: apps, connections: connections, pool: AppClientPool(transport: outbound))
        let engine = FlowEngine(
            flow: flow, effects: ServerRunEffects(base: LocalEffects(actions: actions, transport: outbound)),
            converter: StandardConverter(), clock: SystemWallClock(), journal: log)
        let runID = StoreID.random("run")
        let (message, event) =
            if case .webhook = flow.trigger {
                TriggerEvent.message(for: flow.trigger, payload: ["body": input])
            } else {
                TriggerEvent.message(for: .manual, payload: input)
            }
        let record = await engine.run(
            RunRequest(runId: runID.rawValue, message: message, trigger: event, dryRun: dryRun))
        var json = Self.capped(record.json)
        if case .object(var object) = json {
            object["version"] = .number(Double(version))
            object["log"] = .array(log.entries)
            object["started_by"] = .string(actor.rawValue)
            json = .object(object)
        }
        let redacted = Self.redacted(json, secrets: secrets)
        let run = StoredRun(
            id: runID, tenantID: tenant.tenantID, flowID: stored.id, flowVersion: version,
            state: record.state.rawValue, trigger: "manual", createdAt: record.startedAt, finishedAt: record.finishedAt,
            record: redacted)
        try await tenant.saveRun(run)
        return run
    }

    /// `value` with every step input and output larger than ``valueLimit`` replaced by a note of its size.
    static func capped(_ value: JSON) -> JSON {
        guard case .object(var record) = value else { return value }
        func cap(_ value: JSON) -> JSON {
            let size = value.serializedBytes().count
            return size > valueLimit ? ["truncated": true, "bytes": .number(Double(size))] : value
        }
        if let output = record["output"] { record["output"] = cap(output) }
        if case .array(let steps)? = record["steps"] {
            record["steps"] = .array(
                steps.map { step in
                    guard case .object(var fields) = step else { return step }
                    for key in ["input", "output"] { if let value = fields[key] { fields[key] = cap(value) } }
                    return .object(fields)
                })
        }
        return .object(record)
    }

    /// `value` with every occurrence of a secret in its strings replaced by the mask.
    static func redacted(_ value: JSON, secrets: [String]) -> JSON {
        guard !secrets.isEmpty else { return value }
        let redactor = Redactor(secrets: secrets)
        func walk(_ value: JSON) -> JSON {
            switch value {
            case .string(let text): return .string(redactor.mask(text))
            case .array(let items): return .array(items.map(walk))
            case .object(let fields):
                var object = JSONObject()
                for (key, field) in fields { object[redactor.mask(key)] = walk(field) }
                return .object(object)
            default: return value
            }
        }
        return walk(value)
    }
}
