import Foundation
import Logging
import Testing
import WeftJSON
import WeftStore

@testable import WeftStoreSQLite

@Suite("SQLiteStore")
struct SQLiteStoreTests {
    @Test("conformance, in a database file", arguments: StoreConformance.checks)
    func conformance(_ check: StoreCheck) async throws {
        try await withStoreFile { store, _ in try await check.body(store) }
    }

    @Test("conformance, in memory", arguments: StoreConformance.checks)
    func conformanceInMemory(_ check: StoreCheck) async throws {
        let store = SQLiteStore.inMemory(logger: Self.logger)
        do {
            try await store.migrate()
            try await check.body(store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }

    @Test("reopening the file keeps everything")
    func reopen() async throws {
        try await withStoreFile { store, path in
            let (tenant, owner) = try await StoreSamples.organization(store)
            let flow = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.addFlowVersion(flowID: flow.id, source: "v2", appVersions: [:], createdBy: owner.id)
            _ = try await tenant.createAPIKey(name: "ci", role: .builder, keyHash: "h", prefix: "wk_1")
            _ = try await tenant.saveApp(appID: "shop", version: "1.0.0", source: "app", createdBy: owner.id)
            try await tenant.saveConnection(StoreSamples.connection(tenant.tenantID, "shop"))
            try await tenant.setWrappedDataKey([1, 2, 3])
            try await tenant.appendAudit(actor: owner.id, action: "a", target: "t", details: ["k": [1, "v"]])
            try await tenant.saveRun(StoreSamples.run(tenant.tenantID, flow: flow.id))
            let token = try await store.createAccessToken(
                userID: owner.id, tokenHash: "tok", expiresAt: StoreSamples.date(100)
            )
            let before = try await TenantSnapshot(tenant)
            await store.close()

            let reopened = SQLiteStore(path: path, logger: Self.logger)
            try await reopened.migrate()
            #expect(try await TenantSnapshot(reopened.tenant(tenant.tenantID)) == before)
            #expect(try await reopened.user(id: owner.id) == owner)
            #expect(try await reopened.accessToken(hash: "tok") == token)
            #expect(try await reopened.userCount() == 1)
            await reopened.close()
        }
    }

    @Test("migrate() records each version once; running it again changes nothing")
    func migrateTwice() async throws {
        try await withStoreFile { store, path in
            let all = Migration.all.map(\.version)
            #expect(all == Array(1...all.count))
            #expect(try await store.schemaVersions() == all)
            let (tenant, owner) = try await StoreSamples.organization(store)
            _ = try await tenant.createFlow(name: "orders", source: "v1", appVersions: [:], createdBy: owner.id)
            let before = try await TenantSnapshot(tenant)
            try await store.migrate()
            try await store.migrate()
            #expect(try await store.schemaVersions() == all)
            #expect(try await TenantSnapshot(tenant) == before)
            await store.close()
            let reopened = SQLiteStore(path: path, logger: Self.logger)
            try await reopened.migrate()
            #expect(try await reopened.schemaVersions() == all)
            await reopened.close()
        }
    }

    @Test("the connection runs in WAL mode with synchronous=FULL, foreign keys and a busy timeout")
    func connectionSettings() async throws {
        try await withStoreFile { store, _ in
            let settings = try await store.database.access { db throws(StoreError) in
                var settings: [String: String] = [:]
                for name in ["journal_mode", "synchronous", "foreign_keys", "busy_timeout"] {
                    settings[name] = try await db.first("PRAGMA \(name)") { (row) throws(UnreadableValue) in
                        switch row.columns.first?.data {
                        case .text(let text): return text
                        case .integer(let number): return String(number)
                        default: return "?"
                        }
                    }
                }
                return settings
            }
            #expect(
                settings == ["journal_mode": "wal", "synchronous": "2", "foreign_keys": "1", "busy_timeout": "5000"])
        }
    }

    @Test("a database from a newer version is refused")
    func newerSchema() async throws {
        try await withStoreFile { store, _ in
            try await store.database.access { db throws(StoreError) in
                try await db.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', 0)",
                    [.int(Migration.all.count + 1)]
                )
            }
            let error = await expectStoreError(.unavailable) { try await store.migrate() }
            #expect(error?.message.contains("newer") == true)
        }
    }

    @Test("a secret given only sealed never reaches the file; values and sealed bytes round-trip")
    func canary() async throws {
        try await withStoreFile { store, path in
            let canary = "sk_live_CANARY_7f3a9c"
            let (tenant, _) = try await StoreSamples.organization(store)
            // What sealing would give: bytes that are not the secret.
            let sealed = Array(canary.utf8).map { $0 ^ 0x5a } + [0, 1, 2]
            var connection = StoreSamples.connection(tenant.tenantID, "shop", secrets: sealed)
            connection.values = ["shop": "PLAIN_VALUE_MARKER", "list": [1, 2.5, "x"], "flag": false, "none": nil]
            try await tenant.saveConnection(connection)
            await store.close()

            var bytes: [UInt8] = []
            for suffix in ["", "-wal", "-shm"] {
                if let data = FileManager.default.contents(atPath: path + suffix) { bytes += Array(data) }
            }
            #expect(Self.contains(bytes, "PLAIN_VALUE_MARKER"), "the file read sees stored text")
            #expect(!Self.contains(bytes, canary))

            let reopened = SQLiteStore(path: path, logger: Self.logger)
            #expect(try await reopened.tenant(tenant.tenantID).connection(name: "shop") == connection)
            await reopened.close()
        }
    }

    @Test("the database file is readable by its owner only")
    func filePermissions() async throws {
        try await withStoreFile { _, path in
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o077 } == 0)
        }
    }

    @Test("failures name neither SQL nor paths")
    func failures() async throws {
        let path = "/nonexistent-\(UUID().uuidString)/secret-dir/weft.sqlite"
        let store = SQLiteStore(path: path, logger: Self.logger)
        let error = await expectStoreError(.unavailable) { try await store.migrate() }
        #expect(error?.message.contains("secret-dir") == false)
        #expect(error?.message.contains("nonexistent") == false)
        await store.close()

        try await withStoreFile { store, _ in
            let user = try await StoreSamples.user(store)
            let conflict = await expectStoreError(.conflict) {
                try await store.createUser(email: user.email, name: "x", passwordHash: "h")
            }
            #expect(conflict?.message.contains("INSERT") == false)
            #expect(conflict?.message.contains("users") == false)
        }
    }

    @Test("a closed store answers unavailable")
    func closed() async throws {
        try await withStoreFile { store, _ in
            await store.close()
            await expectStoreError(.unavailable) { try await store.userCount() }
            await store.close()
        }
    }

    /// Migrations and expected failures log; tests show only errors.
    private static let logger: Logger = {
        var logger = Logger(label: "weft.store.sqlite.tests")
        logger.logLevel = .error
        return logger
    }()

    private static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { start in
            bytes[start..<start + needle.count].elementsEqual(needle)
        }
    }

    /// Runs `body` with a migrated store in a new file in a new temporary directory, removed afterwards.
    private func withStoreFile(_ body: (SQLiteStore, String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("weft-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("weft.sqlite").path
        let store = SQLiteStore(path: path, logger: Self.logger)
        do {
            try await store.migrate()
            try await body(store, path)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}
