import Foundation
import SQLiteNIO
import WeftJSON
import WeftStore

/// The workers' side of the run queue. Every write goes through the group commit.
extension SQLiteStore {
    public func claimRuns(
        owner: String, limit: Int, leaseDuration: TimeInterval, now: Date, excludingTenants: Set<StoreID>
    ) async throws(StoreError) -> [ClaimedRun] {
        guard limit > 0 else { return [] }
        let now = now.storePrecision
        let expires = now.addingTimeInterval(leaseDuration)
        let excluded = excludingTenants.sorted()
        let notExcluded =
            excluded.isEmpty ? "" : "AND tenant_id NOT IN (\(excluded.map { _ in "?" }.joined(separator: ", ")))"
        return try await database.write { db throws(StoreError) in
            // A run its worker lost while someone asked to cancel it is over: it is not run again.
            try await db.execute(
                """
                UPDATE runs SET state = 'cancelled', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL
                WHERE state = 'running' AND lease_expires_at <= ? AND cancel_requested = 1
                """, [.date(now), .date(now)])
            var claimed: [ClaimedRun] = []
            for candidates in [
                "state = 'running' AND lease_expires_at <= ?", "state = 'queued' AND available_at <= ?",
            ] {
                let wanted = limit - claimed.count
                guard wanted > 0 else { break }
                let binds: [SQLiteData] =
                    [.text(owner), .date(expires), .date(now)] + excluded.map { .id($0) } + [.int(wanted)]
                let rows = try await db.rows(
                    """
                    UPDATE runs SET state = 'running', lease_owner = ?, lease_expires_at = ?,
                        fencing_token = fencing_token + 1, claims = claims + 1
                    WHERE id IN (
                        SELECT id FROM runs WHERE \(candidates) \(notExcluded) ORDER BY available_at, id LIMIT ?
                    )
                    RETURNING \(StoredRun.columns), input, checkpoint, lease_owner, lease_expires_at, fencing_token,
                        claims
                    """, binds)
                for row in rows {
                    let run: StoredRun
                    let checkpointText: String?
                    let inputText: String?
                    let lease: RunLease
                    let claims: Int
                    do throws(UnreadableValue) {
                        run = try StoredRun(row: row)
                        inputText = try row.optionalString("input")
                        checkpointText = try row.optionalString("checkpoint")
                        lease = RunLease(
                            owner: try row.string("lease_owner"), expiresAt: try row.date("lease_expires_at"),
                            fencingToken: Int64(try row.int("fencing_token")))
                        claims = try row.int("claims")
                    } catch {
                        throw StoreError(.unavailable, "stored data could not be read")
                    }
                    let input = try await RunPayloads.resolve(inputText, tenantID: run.tenantID, in: db)
                    claimed.append(
                        ClaimedRun(
                            run: run, input: input ?? .null,
                            checkpoint: checkpointText.flatMap { try? JSONParser().parse($0) }, lease: lease,
                            claims: claims))
                }
            }
            return claimed
        }
    }

    public func heartbeat(
        _ claims: [RunClaim], leaseDuration: TimeInterval, now: Date
    ) async throws(StoreError) -> [StoreID: HeartbeatAnswer] {
        guard !claims.isEmpty else { return [:] }
        let now = now.storePrecision
        return try await database.write { db throws(StoreError) in
            var answers: [StoreID: HeartbeatAnswer] = [:]
            for claim in claims {
                let found = try await db.first(
                    """
                    UPDATE runs SET lease_expires_at = MAX(lease_expires_at, ?)
                    WHERE id = ? AND tenant_id = ? AND state = 'running' AND lease_owner = ? AND fencing_token = ?
                        AND lease_expires_at > ?
                    RETURNING cancel_requested
                    """,
                    [
                        .date(now.addingTimeInterval(leaseDuration)), .id(claim.runID), .id(claim.tenantID),
                        .text(claim.owner), .integer(SQLiteInt64(claim.token)), .date(now),
                    ]
                ) { (row) throws(UnreadableValue) in try row.bool("cancel_requested") }
                switch found {
                case nil: answers[claim.runID] = .lost
                case true?: answers[claim.runID] = .cancelRequested
                case false?: answers[claim.runID] = .held
                }
            }
            return answers
        }
    }

    public func checkpointRun(_ claim: RunClaim, checkpoint: JSON, now: Date) async throws(StoreError) {
        try await writeHeld(claim, now: now, set: "checkpoint = ?", [.json(checkpoint)])
    }

    public func completeRun(
        _ claim: RunClaim, state: String, finishedAt: Date, record: JSON, now: Date
    ) async throws(StoreError) {
        try await writeHeld(
            claim, now: now,
            set: "state = ?, finished_at = ?, record = ?, lease_owner = NULL, lease_expires_at = NULL",
            [.text(state), .date(finishedAt), .json(record)])
    }

    public func releaseRun(_ claim: RunClaim, availableAt: Date) async throws(StoreError) {
        try await writeHeld(
            claim, now: Date(),
            set: "state = 'queued', available_at = ?, lease_owner = NULL, lease_expires_at = NULL",
            [.date(availableAt)])
    }

    /// Changes a run its holder still holds: one update guarded by the lease (the holder, its current token, not
    /// expired — ``RunLease/refusal(owner:token:at:)``'s rules); when it changes nothing, the lease is read to say
    /// why, as a `.conflict`.
    private func writeHeld(
        _ claim: RunClaim, now: Date, set assignments: String, _ values: [SQLiteData]
    ) async throws(StoreError) {
        let now = now.storePrecision
        try await database.write { db throws(StoreError) in
            let changed = try await db.exists(
                """
                UPDATE runs SET \(assignments)
                WHERE id = ? AND tenant_id = ? AND state = 'running' AND lease_owner = ? AND fencing_token = ?
                    AND lease_expires_at > ?
                RETURNING id
                """,
                values + [
                    .id(claim.runID), .id(claim.tenantID), .text(claim.owner), .integer(SQLiteInt64(claim.token)),
                    .date(now),
                ])
            guard !changed else { return }
            let lease = try await db.first(
                """
                SELECT lease_owner, lease_expires_at, fencing_token FROM runs
                WHERE id = ? AND tenant_id = ? AND state = 'running'
                """, [.id(claim.runID), .id(claim.tenantID)]
            ) { (row) throws(UnreadableValue) in
                RunLease(
                    owner: try row.string("lease_owner"), expiresAt: try row.date("lease_expires_at"),
                    fencingToken: Int64(try row.int("fencing_token")))
            }
            let refusal = lease?.refusal(owner: claim.owner, token: claim.token, at: now)
            throw StoreError(
                .conflict, "the run is no longer held: \(refusal.map { "\($0)" } ?? "it is not running")")
        }
    }

    public func queueStatus() async throws(StoreError) -> QueueStatus {
        try await database.access { db throws(StoreError) in
            let counts = try await db.first(
                """
                SELECT (SELECT COUNT(*) FROM runs WHERE state = 'queued') AS queued,
                    (SELECT COUNT(*) FROM runs WHERE state = 'running') AS running,
                    (SELECT MIN(available_at) FROM runs WHERE state = 'queued') AS oldest
                """
            ) { (row) throws(UnreadableValue) in
                QueueStatus(
                    queued: try row.int("queued"), running: try row.int("running"),
                    oldestAvailableAt: try row.optionalDate("oldest"))
            }
            return counts ?? QueueStatus(queued: 0, running: 0, oldestAvailableAt: nil)
        }
    }

    public func purge(finishedBefore: Date, now: Date) async throws(StoreError) -> PurgeResult {
        try await database.write { db throws(StoreError) in
            let runs = try await db.rows(
                "DELETE FROM runs WHERE finished_at IS NOT NULL AND finished_at < ? RETURNING id",
                [.date(finishedBefore)]
            ).count
            let payloads = try await db.rows(
                "DELETE FROM payloads WHERE expires_at <= ? RETURNING id", [.date(now)]
            ).count
            return PurgeResult(runs: runs, payloads: payloads)
        }
    }

    public func webhookFlow(token: String) async throws(StoreError) -> (tenantID: StoreID, flowID: StoreID)? {
        let found = try await database.access { db throws(StoreError) in
            try await db.first("SELECT tenant_id, id FROM flows WHERE webhook_token = ?", [.text(token)]) {
                (row) throws(UnreadableValue) in
                [try row.id("tenant_id"), try row.id("id")]
            }
        }
        guard let found else { return nil }
        return (found[0], found[1])
    }

    public func enabledFlows(after: StoreID?, limit: Int) async throws(StoreError) -> [StoredFlow] {
        try await database.access { db throws(StoreError) in
            try await db.rows(
                "SELECT \(StoredFlow.columns) FROM flows WHERE enabled = 1 AND id > ? ORDER BY id LIMIT ?",
                [.text(after?.rawValue ?? ""), .int(min(max(limit, 1), 1000))], StoredFlow.init(row:))
        }
    }
}
