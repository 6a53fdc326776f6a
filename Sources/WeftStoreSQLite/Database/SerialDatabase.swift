import Foundation
import Logging
import SQLiteNIO
import WeftStore

/// The store's one SQLite connection, used by one caller at a time.
///
/// An actor alone does not serialize work that awaits (it is re-entrant), so callers queue for the connection
/// and hold it for a whole operation: a transaction's statements never interleave with another caller's. The
/// connection opens on first use, with WAL, `synchronous=FULL`, foreign keys and a busy timeout.
actor SerialDatabase {
    /// Where the database lives.
    enum Location: Sendable {
        case file(String)
        case memory
    }

    private let location: Location
    private let logger: Logger
    private var connection: SQLiteConnection?
    private var closed = false
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []
    /// Writes waiting for the next group commit, and whether a commit is under way.
    private var pendingWrites: [GroupWrite] = []
    private var committing = false

    init(location: Location, logger: Logger) {
        self.location = location
        self.logger = logger
    }

    deinit {
        // A store dropped without `close()`: close the handle anyway (sqlite-nio asserts it was closed).
        if let connection { _ = connection.close() }
    }

    /// Runs `body` with the connection held, outside any transaction.
    func access<T: Sendable>(
        _ body: @Sendable (SQLiteExecutor) async throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        await acquire()
        defer { release() }
        return try await body(try await open())
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(
        _ body: @Sendable (SQLiteExecutor) async throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        await acquire()
        defer { release() }
        let executor = try await open()
        try await executor.execute("BEGIN IMMEDIATE")
        do {
            let result = try await body(executor)
            try await executor.execute("COMMIT")
            return result
        } catch {
            do {
                try await executor.execute("ROLLBACK")
            } catch let rollbackError {
                logger.error("rollback failed", metadata: ["error": "\(rollbackError)"])
            }
            throw error
        }
    }

    /// Runs `body` as part of the next group commit: every write queued while the previous commit was under way
    /// goes into one `BEGIN IMMEDIATE` transaction, and all of them return once that transaction is durable. One
    /// fsync then covers many callers' writes: the cost of `synchronous=FULL` is shared instead of paid by each.
    ///
    /// A write that fails (a missing flow, a lost lease) must not undo the others: the batch is then rolled back
    /// and its writes are run again one transaction each, so each answers its own outcome. Failures are rare, so
    /// the common batch pays for no savepoints.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteExecutor) async throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<T, StoreError>, Never>) in
            pendingWrites.append(
                GroupWrite(
                    perform: { db in
                        do throws(StoreError) {
                            let value = try await body(db)
                            return GroupWrite.Outcome(succeeded: true) { commitError in
                                continuation.resume(returning: commitError.map { .failure($0) } ?? .success(value))
                            }
                        } catch {
                            return GroupWrite.Outcome(succeeded: false) { _ in
                                continuation.resume(returning: .failure(error))
                            }
                        }
                    }, fail: { continuation.resume(returning: .failure($0)) }))
            if !committing {
                committing = true
                Task { await self.commitPendingWrites() }
            }
        }
        return try result.get()
    }

    /// Commits the queued writes, batch after batch, until none wait.
    private func commitPendingWrites() async {
        while !pendingWrites.isEmpty {
            await acquire()
            let batch = pendingWrites
            pendingWrites = []
            do throws(StoreError) {
                let executor = try await open()
                if let outcomes = try await commitTogether(batch, executor) {
                    for outcome in outcomes { outcome.finish(nil) }
                } else {
                    for write in batch { await commitAlone(write, executor) }
                }
            } catch {
                // The batch could not be committed (nor even begun): every write answers that error.
                for write in batch { write.fail(error) }
            }
            release()
        }
        committing = false
    }

    /// Runs every write of `batch` in one transaction and commits it; nil (rolled back) when one of them failed.
    private func commitTogether(
        _ batch: [GroupWrite], _ executor: SQLiteExecutor
    ) async throws(StoreError) -> [GroupWrite.Outcome]? {
        try await executor.execute("BEGIN IMMEDIATE")
        var outcomes: [GroupWrite.Outcome] = []
        for write in batch {
            let outcome = await write.perform(executor)
            guard outcome.succeeded else {
                try await rollback(executor)
                return nil
            }
            outcomes.append(outcome)
        }
        do throws(StoreError) {
            try await executor.execute("COMMIT")
        } catch {
            try? await rollback(executor)
            throw error
        }
        return outcomes
    }

    /// Runs one write in its own transaction and answers its outcome.
    private func commitAlone(_ write: GroupWrite, _ executor: SQLiteExecutor) async {
        do throws(StoreError) {
            try await executor.execute("BEGIN IMMEDIATE")
        } catch {
            write.fail(error)
            return
        }
        let outcome = await write.perform(executor)
        guard outcome.succeeded else {
            try? await rollback(executor)
            outcome.finish(nil)
            return
        }
        do throws(StoreError) {
            try await executor.execute("COMMIT")
            outcome.finish(nil)
        } catch {
            try? await rollback(executor)
            outcome.finish(error)
        }
    }

    private func rollback(_ executor: SQLiteExecutor) async throws(StoreError) {
        do {
            try await executor.execute("ROLLBACK")
        } catch {
            logger.error("rollback failed", metadata: ["error": "\(error)"])
            throw error
        }
    }

    /// Closes the connection; later calls answer `.unavailable`.
    func close() async {
        await acquire()
        defer { release() }
        closed = true
        guard let connection else { return }
        self.connection = nil
        do {
            try await connection.close()
        } catch {
            logger.error("closing the database failed", metadata: ["error": "\(error)"])
        }
    }

    private func open() async throws(StoreError) -> SQLiteExecutor {
        if let connection { return SQLiteExecutor(connection: connection, logger: logger) }
        guard !closed else { throw StoreError(.unavailable, "the store is closed") }
        let storage: SQLiteConnection.Storage
        switch location {
        case .memory:
            storage = .memory
        case .file(let path):
            Self.createPrivateFile(at: path)
            storage = .file(path: path)
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        } catch {
            logger.error("opening the database failed", metadata: ["error": "\(error)"])
            throw StoreError(.unavailable, "the database could not be opened")
        }
        let executor = SQLiteExecutor(connection: connection, logger: logger)
        do {
            // busy_timeout replaces sqlite-nio's busy handler, which retries forever.
            for pragma in ["PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 5000"] {
                try await executor.execute(pragma)
            }
            let mode = try await executor.first("PRAGMA journal_mode = WAL") { (row) throws(UnreadableValue) in
                try row.string("journal_mode")
            }
            if case .file = location, mode != "wal" {
                logger.warning("the database file system does not support WAL", metadata: ["mode": "\(mode ?? "")"])
            }
        } catch {
            do { try await connection.close() } catch {}
            throw error
        }
        self.connection = connection
        return executor
    }

    /// Creates the database file readable by its owner only, when it does not exist yet (SQLite gives its WAL
    /// and shared-memory files the same permissions).
    private static func createPrivateFile(at path: String) {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: path) else { return }
        _ = manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

/// One caller's write in a group commit: `perform` runs it inside the open transaction and answers whether it
/// succeeded and how to answer the caller once the transaction's outcome is known; `fail` answers an error without
/// running it. Exactly one finish or fail answers the caller; `perform` may run more than once (a batch rolled
/// back is run again write by write), which is safe because everything it does is in the rolled-back transaction.
struct GroupWrite: Sendable {
    struct Outcome: Sendable {
        let succeeded: Bool
        let finish: @Sendable (StoreError?) -> Void
    }

    let perform: @Sendable (SQLiteExecutor) async -> Outcome
    let fail: @Sendable (StoreError) -> Void
}
