import Foundation
import Logging
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore

/// Runs one claimed run to its end: the flow version it is pinned to, resumed at its checkpoint when an earlier
/// attempt got somewhere, with the organization's apps and connections (secrets opened in memory only) and the
/// guarded outbound client; then completes it under its lease with a record whose secrets are masked and whose
/// values are capped in size.
struct RunExecutor: Sendable {
    let store: any WeftStore
    let resources: FlowResources
    let outbound: any HTTPTransport
    let metrics: Metrics
    let logger: Logger
    /// A run claimed more often than this (its workers keep dying on it) is set aside as a dead letter.
    let maximumClaims: Int

    /// The largest step input or output kept in a record, serialized; larger ones are replaced by a note.
    static let valueLimit = 64 * 1024

    /// Runs `claimed` and stores its end; answers the stored run, or nil when the lease was lost meanwhile (the
    /// new holder's work stands). `computed` is called once the run's work is done and only its completion is
    /// being written, so the worker can give its slot to the next run while the write waits for the commit.
    func execute(_ claimed: ClaimedRun, computed: @Sendable () -> Void = {}) async -> StoredRun? {
        let run = claimed.run
        let tenant = store.tenant(run.tenantID)
        var logger = logger
        logger[metadataKey: "tenant"] = .string(run.tenantID.rawValue)
        logger[metadataKey: "flow"] = .string(run.flowID.rawValue)
        logger[metadataKey: "run"] = .string(run.id.rawValue)
        let input = claimed.input
        guard case .object = input, let message = input["message"] else {
            return await complete(
                claimed, state: .deadLetter,
                record: Self.failure(run, .deadLetter, "the run's input is gone (expired or never stored)"),
                logger: logger)
        }
        if claimed.claims > maximumClaims {
            return await complete(
                claimed, state: .deadLetter,
                record: Self.failure(
                    run, .deadLetter,
                    "the run was interrupted \(claimed.claims - 1) times (its worker stopped each time)"),
                logger: logger)
        }
        let prepared: PreparedFlow
        let connections: (values: [String: ConnectionValues], secrets: [String])
        do {
            prepared = try await resources.flow(run.flowID, version: run.flowVersion, tenant: tenant)
            connections = try await resources.connections(for: prepared.flow, tenant: tenant)
        } catch {
            logger.error("the run could not be prepared", metadata: ["error": "\(error)"])
            return await complete(
                claimed, state: .failed, record: Self.failure(run, .failed, "the flow could not be prepared: \(error)"),
                logger: logger)
        }
        let flow = prepared.flow
        let journal = DurableRunJournal(
            store: store, claim: claimed.claim, metrics: metrics, logger: logger, createdAt: run.createdAt,
            worthStoring: prepared.stores)
        let actions = LocalActions(
            apps: prepared.apps, connections: connections.values, pool: AppClientPool(transport: outbound))
        let engine = FlowEngine(
            flow: flow, effects: ServerRunEffects(base: LocalEffects(actions: actions, transport: outbound)),
            converter: StandardConverter(), clock: SystemWallClock(), journal: journal)
        let request = RunRequest(
            runId: run.id.rawValue, message: message, trigger: input["event"],
            dryRun: input["dry_run"] == .bool(true), attempt: claimed.claims,
            checkpoint: claimed.checkpoint.flatMap(RunCheckpoint.init(json:)))
        let record = await engine.run(request)
        await journal.flush()
        var json = Self.capped(record.json)
        if case .object(var object) = json {
            object["version"] = .number(Double(run.flowVersion))
            object["log"] = .array(journal.log.entries)
            if let startedBy = input["started_by"] { object["started_by"] = startedBy }
            if claimed.claims > 1 { object["attempt"] = .number(Double(claimed.claims)) }
            json = .object(object)
        }
        computed()
        return await complete(
            claimed, state: record.state, record: Self.redacted(json, secrets: connections.secrets), logger: logger,
            finishedAt: record.finishedAt)
    }

    private func complete(
        _ claimed: ClaimedRun, state: RunState, record: JSON, logger: Logger, finishedAt: Date = Date()
    ) async -> StoredRun? {
        do {
            try await store.completeRun(
                claimed.claim, state: state.rawValue, finishedAt: finishedAt, record: record, now: Date())
        } catch {
            logger.warning("the run's lease was lost; its result is dropped", metadata: ["error": "\(error)"])
            return nil
        }
        metrics.increment(Metrics.Weft.runsTotal, ["state": state.rawValue])
        if state == .deadLetter { metrics.increment(Metrics.Weft.deadLettersTotal) }
        logger.debug("run finished", metadata: ["state": .string(state.rawValue)])
        var finished = claimed.run
        finished.state = state.rawValue
        finished.finishedAt = finishedAt
        finished.record = record
        return finished
    }

    /// The record of a run that could not start.
    private static func failure(_ run: StoredRun, _ state: RunState, _ message: String) -> JSON {
        [
            "run": .string(run.id.rawValue), "state": .string(state.rawValue), "steps": [], "error": .string(message),
            "version": .number(Double(run.flowVersion)),
        ]
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
