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
    /// goes into one `BEGIN IMMEDIATE` transaction, each in its own savepoint (a failing write is rolled back
    /// alone and answers its error), and all of them return once that transaction is durable. One fsync then
    /// covers many callers' writes: the cost of `synchronous=FULL` is shared instead of paid by each.
    func write<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteExecutor) async throws(StoreError) -> T
    ) async throws(StoreError) -> T {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<T, StoreError>, Never>) in
            pendingWrites.append(
                GroupWrite(
                    perform: { db in
                        do throws(StoreError) {
                            try await db.execute("SAVEPOINT write")
                            let value = try await body(db)
                            try await db.execute("RELEASE write")
                            return { commitError in
                                continuation.resume(returning: commitError.map { .failure($0) } ?? .success(value))
                            }
                        } catch {
                            do {
                                try await db.execute("ROLLBACK TO write")
                                try await db.execute("RELEASE write")
                            } catch {}
                            return { _ in continuation.resume(returning: .failure(error)) }
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
            var finishers: [@Sendable (StoreError?) -> Void] = []
            var failure: StoreError?
            do throws(StoreError) {
                let executor = try await open()
                try await executor.execute("BEGIN IMMEDIATE")
                for write in batch { finishers.append(await write.perform(executor)) }
                do throws(StoreError) {
                    try await executor.execute("COMMIT")
                } catch {
                    failure = error
                    do { try await executor.execute("ROLLBACK") } catch {}
                }
            } catch {
                failure = error
            }
            release()
            if finishers.count < batch.count {
                // The transaction could not begin: every write of the batch answers that error.
                let error = failure ?? StoreError(.unavailable, "the database is unavailable")
                for write in batch.dropFirst(finishers.count) { write.fail(error) }
            }
            for finish in finishers { finish(failure) }
        }
        committing = false
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

/// One caller's write in a group commit: `perform` runs it inside the open transaction and answers how to finish
/// it once the transaction's outcome is known; `fail` answers an error without running it (the transaction never
/// began). Exactly one of the two answers the caller.
struct GroupWrite: Sendable {
    let perform: @Sendable (SQLiteExecutor) async -> @Sendable (StoreError?) -> Void
    let fail: @Sendable (StoreError) -> Void
}
