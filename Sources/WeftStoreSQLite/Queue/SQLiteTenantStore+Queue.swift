import Foundation
import SQLiteNIO
import WeftJSON
import WeftStore

/// One organization's side of the run queue: enqueueing (with idempotency keys), cancelling, replaying and
/// discarding runs; webhook address tokens and trigger state.
extension SQLiteTenantStore {
    public func enqueueRun(_ submission: RunSubmission) async throws(StoreError) -> Enqueued {
        let tenantID = tenantID
        let createdAt = submission.createdAt.storePrecision
        let record: JSON = ["run": .string(submission.id.rawValue), "state": "queued"]
        return try await database.write { db throws(StoreError) in
            let input = try await RunPayloads.store(submission.input, tenantID: tenantID, now: createdAt, in: db)
            let inserted: StoredRun?
            do throws(StoreError) {
                inserted = try await db.first(
                    """
                    INSERT INTO runs (\(StoredRun.columns), input, idempotency_key, available_at)
                    VALUES (?, ?, ?, ?, 'queued', ?, ?, NULL, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING
                    RETURNING \(StoredRun.columns)
                    """,
                    [
                        .id(submission.id), .id(tenantID), .id(submission.flowID), .int(submission.flowVersion),
                        .text(submission.trigger), .date(createdAt), .json(record), .text(input),
                        submission.idempotencyKey.map { .text($0) } ?? .null, .date(submission.availableAt),
                    ], StoredRun.init(row:))
            } catch let error where error.code == .notFound {
                throw StoreError(.notFound, "flow not found")
            }
            if let inserted { return Enqueued(run: inserted, created: true) }
            guard let key = submission.idempotencyKey else {
                throw StoreError(.conflict, "a run with this id already exists")
            }
            let earlier = try await db.first(
                """
                SELECT \(StoredRun.columns) FROM runs WHERE tenant_id = ? AND flow_id = ? AND idempotency_key = ?
                """, [.id(tenantID), .id(submission.flowID), .text(key)], StoredRun.init(row:))
            guard let earlier else { throw StoreError(.conflict, "a run with this id already exists") }
            return Enqueued(run: earlier, created: false)
        }
    }

    public func runInput(id: StoreID) async throws(StoreError) -> JSON? {
        let tenantID = tenantID
        return try await database.access { db throws(StoreError) in
            let text = try await db.first(
                "SELECT input FROM runs WHERE tenant_id = ? AND id = ?", [.id(tenantID), .id(id)]
            ) { (row) throws(UnreadableValue) in try row.optionalString("input") }
            return try await RunPayloads.resolve(text ?? nil, tenantID: tenantID, in: db)
        }
    }

    public func cancelRun(id: StoreID, at now: Date) async throws(StoreError) -> StoredRun {
        try await changeRun(id) { run, db throws(StoreError) in
            switch run.state {
            case "queued":
                try await db.execute(
                    "UPDATE runs SET state = 'cancelled', finished_at = ? WHERE id = ?", [.date(now), .id(id)])
            case "running":
                try await db.execute("UPDATE runs SET cancel_requested = 1 WHERE id = ?", [.id(id)])
            default:
                throw StoreError(.invalid, "the run is already over (\(run.state))")
            }
        }
    }

    public func replayRun(id: StoreID, _ replay: RunReplay, at now: Date) async throws(StoreError) -> StoredRun {
        let tenantID = tenantID
        return try await changeRun(id) { run, db throws(StoreError) in
            guard ["failed", "dead_letter", "cancelled"].contains(run.state) else {
                throw StoreError(
                    .invalid, "only failed, dead-lettered or cancelled runs are replayed, not \(run.state)")
            }
            var assignments = [
                "state = 'queued'", "available_at = ?", "finished_at = NULL", "cancel_requested = 0",
                "lease_owner = NULL", "lease_expires_at = NULL",
            ]
            var binds: [SQLiteData] = [.date(now)]
            if replay.fromStart { assignments.append("checkpoint = NULL") }
            if let version = replay.flowVersion {
                let exists = try await db.exists(
                    "SELECT 1 FROM flow_versions WHERE tenant_id = ? AND flow_id = ? AND version = ?",
                    [.id(tenantID), .id(run.flowID), .int(version)])
                guard exists else { throw StoreError(.notFound, "version \(version) of the flow not found") }
                assignments.append("flow_version = ?")
                binds.append(.int(version))
            }
            if let message = replay.message {
                let text = try await db.first(
                    "SELECT input FROM runs WHERE id = ?", [.id(id)]
                ) { (row) throws(UnreadableValue) in try row.optionalString("input") }
                var input = JSONObject()
                if case .object(let fields)? = try await RunPayloads.resolve(text ?? nil, tenantID: tenantID, in: db) {
                    input = fields
                }
                input["message"] = message
                input["edited_at"] = .string(Self.isoTime(now))
                assignments.append("input = ?")
                binds.append(.text(try await RunPayloads.store(.object(input), tenantID: tenantID, now: now, in: db)))
            }
            try await db.execute(
                "UPDATE runs SET \(assignments.joined(separator: ", ")) WHERE id = ?", binds + [.id(id)])
        }
    }

    public func discardRun(id: StoreID, by actor: StoreID, at now: Date) async throws(StoreError) -> StoredRun {
        try await changeRun(id) { run, db throws(StoreError) in
            guard ["failed", "dead_letter"].contains(run.state) else {
                throw StoreError(.invalid, "only failed or dead-lettered runs are discarded, not \(run.state)")
            }
            var record = run.record
            if case .object(var fields) = record {
                fields["discarded"] = ["by": .string(actor.rawValue), "at": .string(Self.isoTime(now))]
                record = .object(fields)
            }
            try await db.execute(
                "UPDATE runs SET state = 'cancelled', record = ? WHERE id = ?", [.json(record), .id(id)])
        }
    }

    /// Runs `change` on this organization's run `id` in one group-committed transaction and answers the run as it
    /// is afterwards; `.notFound` when there is no such run.
    private func changeRun(
        _ id: StoreID, _ change: @escaping @Sendable (StoredRun, SQLiteExecutor) async throws(StoreError) -> Void
    ) async throws(StoreError) -> StoredRun {
        let tenantID = tenantID
        return try await database.write { db throws(StoreError) in
            let select = "SELECT \(StoredRun.columns) FROM runs WHERE tenant_id = ? AND id = ?"
            guard let run = try await db.first(select, [.id(tenantID), .id(id)], StoredRun.init(row:)) else {
                throw StoreError(.notFound, "run not found")
            }
            try await change(run, db)
            guard let changed = try await db.first(select, [.id(tenantID), .id(id)], StoredRun.init(row:)) else {
                throw StoreError(.notFound, "run not found")
            }
            return changed
        }
    }

    private static func isoTime(_ date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    public func webhookToken(flowID: StoreID, creating candidate: String) async throws(StoreError) -> String {
        let tenantID = tenantID
        let token = try await database.write { db throws(StoreError) in
            try await db.execute(
                "UPDATE flows SET webhook_token = ? WHERE tenant_id = ? AND id = ? AND webhook_token IS NULL",
                [.text(candidate), .id(tenantID), .id(flowID)])
            return try await db.first(
                "SELECT webhook_token FROM flows WHERE tenant_id = ? AND id = ?", [.id(tenantID), .id(flowID)]
            ) { (row) throws(UnreadableValue) in try row.string("webhook_token") }
        }
        guard let token else { throw StoreError(.notFound, "flow not found") }
        return token
    }

    public func setWebhookToken(flowID: StoreID, token: String) async throws(StoreError) {
        let tenantID = tenantID
        let changed = try await database.write { db throws(StoreError) in
            try await db.exists(
                "UPDATE flows SET webhook_token = ? WHERE tenant_id = ? AND id = ? RETURNING id",
                [.text(token), .id(tenantID), .id(flowID)])
        }
        guard changed else { throw StoreError(.notFound, "flow not found") }
    }

    public func triggerState(flowID: StoreID) async throws(StoreError) -> JSON? {
        let tenantID = tenantID
        return try await database.access { db throws(StoreError) in
            try await db.first(
                "SELECT state FROM trigger_states WHERE tenant_id = ? AND flow_id = ?", [.id(tenantID), .id(flowID)]
            ) { (row) throws(UnreadableValue) in try row.json("state") }
        }
    }

    public func saveTriggerState(flowID: StoreID, state: JSON) async throws(StoreError) {
        let tenantID = tenantID
        do {
            try await database.write { db throws(StoreError) in
                try await db.execute(
                    """
                    INSERT INTO trigger_states (tenant_id, flow_id, state, updated_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (tenant_id, flow_id) DO UPDATE SET state = excluded.state,
                        updated_at = excluded.updated_at
                    """, [.id(tenantID), .id(flowID), .json(state), .date(Date())])
            }
        } catch  where error.code == .notFound {
            throw StoreError(.notFound, "flow not found")
        }
    }
}
