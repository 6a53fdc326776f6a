import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import WeftJSON
import WeftModel
import WeftServer
import WeftStore
import WeftStoreSQLite

/// Measures the API's CRUD operations on a server holding many flows and runs: the real application on a real
/// port and a SQLite file, called over HTTP by a few concurrent clients, each operation timed from request to
/// last byte. Reports the 50th, 95th and 99th percentiles and the slowest call per operation.
struct APIBenchmark {
    var flows: Int
    var runs: Int
    var requests: Int
    var concurrency: Int
    var directory: String

    /// One timed operation: what it is and how to send one call of it.
    struct Operation {
        var name: String
        var call: @Sendable (Int) async throws -> HTTPClientResponse
    }

    func run() async throws -> String {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = SQLiteStore(path: (directory as NSString).appendingPathComponent("weft.sqlite"))
        try await store.migrate()
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.bcryptCost = 10
        configuration.addressBurst = 10_000_000
        configuration.apiKeyBurst = 10_000_000
        var logger = Logger(label: "weft-bench")
        logger.logLevel = .warning
        let port = PortBox()
        let application = buildApplication(
            configuration: configuration, store: store, masterKey: .generate(), logger: logger
        ) { port.set($0) }
        let group = ServiceGroup(services: [application], logger: logger)
        async let serving: Void = group.run()
        let report: String
        do {
            let base = "http://127.0.0.1:\(try await port.wait())"
            report = try await measure(base: base, store: store)
        } catch {
            await group.triggerGracefulShutdown()
            try? await serving
            await store.close()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await serving
        await store.close()
        return report
    }

    private func measure(base: String, store: SQLiteStore) async throws -> String {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let report = try await measure(base: base, store: store, client: client)
            try await client.shutdown()
            return report
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func measure(base: String, store: SQLiteStore, client: HTTPClient) async throws -> String {
        let api = APIClient(client: client, base: base)
        let token =
            try await api.json(
                .POST, "/v1/auth/signup",
                ["email": "bench@example.com", "name": "Bench", "password": "a long bench passphrase"]
            )["token"]?["value"]?.stringValue ?? ""
        api.token = token
        let org = try await api.json(.POST, "/v1/orgs", ["name": "Bench"])["organization"]?["id"]?.stringValue ?? ""
        let seeding = ContinuousClock.now
        let seeded = try await seed(store.tenant(StoreID(org)), owner: store)
        let seedTime = ContinuousClock.now - seeding
        let prefix = "/v1/orgs/\(org)"
        _ = try await api.json(.POST, "\(prefix)/apps", ["source": .string(Self.app)])
        let operations = self.operations(prefix: prefix, api: api, seeded: seeded)
        var rows: [String] = []
        for operation in operations {
            let timings = try await time(operation)
            rows.append(Self.row(operation.name, timings))
        }
        return """
            \(flows) flows and \(runs) runs stored (seeded in \(String(format: "%.1f s", DurationText.seconds(seedTime)))); \
            \(requests) calls per operation from \(concurrency) concurrent clients over HTTP on loopback.

            | operation | p50 ms | p95 ms | p99 ms | max ms |
            | --- | ---: | ---: | ---: | ---: |
            \(rows.joined(separator: "\n"))
            """
    }

    /// What the seeding left to address: flow names and run ids.
    struct Seeded: Sendable {
        var flowNames: [String]
        var runIDs: [String]
    }

    private func seed(_ tenant: any TenantStore, owner store: SQLiteStore) async throws -> Seeded {
        let owner = try await store.user(email: "bench@example.com")!.id
        var names: [String] = []
        var ids: [StoreID] = []
        for index in 0..<flows {
            let name = "flow-\(index)"
            let flow = try await tenant.createFlow(
                name: name, source: Self.flowSource(name), appVersions: [:], createdBy: owner)
            names.append(name)
            ids.append(flow.id)
        }
        var runIDs: [String] = []
        let start = Date().addingTimeInterval(-30 * 86_400)
        var batch: [StoredRun] = []
        for index in 0..<runs {
            let id = StoreID.random("run")
            let created = start.addingTimeInterval(Double(index) * 30 * 86_400 / Double(max(runs, 1)))
            let state = index % 10 == 0 ? "failed" : "succeeded"
            batch.append(
                StoredRun(
                    id: id, tenantID: tenant.tenantID, flowID: ids[index % ids.count], flowVersion: 1, state: state,
                    trigger: "webhook", createdAt: created, finishedAt: created.addingTimeInterval(0.2),
                    record: Self.record(index: index, state: state)))
            if index % 97 == 0 { runIDs.append(id.rawValue) }
            if batch.count == 1000 {
                try await tenant.saveRuns(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await tenant.saveRuns(batch)
        return Seeded(flowNames: names, runIDs: runIDs)
    }

    private func operations(prefix: String, api: APIClient, seeded: Seeded) -> [Operation] {
        let names = seeded.flowNames
        let runIDs = seeded.runIDs.isEmpty ? ["run_none"] : seeded.runIDs
        let flowCount = names.count
        @Sendable func name(_ index: Int) -> String { names[(index &* 7919) % flowCount] }
        return [
            Operation(name: "GET flows (page of 100)") { index in
                try await api.send(.GET, "\(prefix)/flows?limit=100&after=\(name(index))")
            },
            Operation(name: "GET a flow") { index in try await api.send(.GET, "\(prefix)/flows/\(name(index))") },
            Operation(name: "GET a flow's versions") { index in
                try await api.send(.GET, "\(prefix)/flows/\(name(index))/versions")
            },
            Operation(name: "PUT a flow (saves a new version)") { index in
                try await api.send(
                    .PUT, "\(prefix)/flows/\(name(index))", ["source": .string(Self.flowSource(name(index)))])
            },
            Operation(name: "POST a flow") { index in
                try await api.send(.POST, "\(prefix)/flows", ["source": .string(Self.flowSource("new-\(index)"))])
            },
            Operation(name: "DELETE a flow (and its runs)") { index in
                try await api.send(.DELETE, "\(prefix)/flows/new-\(index)")
            },
            Operation(name: "GET runs of a flow (page of 50)") { index in
                try await api.send(.GET, "\(prefix)/runs?flow=\(name(index))&limit=50")
            },
            Operation(name: "GET failed runs (page of 50)") { _ in
                try await api.send(.GET, "\(prefix)/runs?state=failed&limit=50")
            },
            Operation(name: "GET a run") { index in
                try await api.send(.GET, "\(prefix)/runs/\(runIDs[index % runIDs.count])")
            },
            Operation(name: "POST a connection (secret sealed)") { index in
                try await api.send(
                    .POST, "\(prefix)/connections",
                    [
                        "name": .string("c\(index)"), "app": "crm",
                        "values": ["base_url": "https://crm.example.com", "token": .string("secret-\(index)")],
                    ])
            },
            Operation(name: "GET a connection (secret masked)") { index in
                try await api.send(.GET, "\(prefix)/connections/c\(index)")
            },
            Operation(name: "PUT a connection") { index in
                try await api.send(.PUT, "\(prefix)/connections/c\(index)", ["values": ["token": "rotated"]])
            },
            Operation(name: "DELETE a connection") { index in
                try await api.send(.DELETE, "\(prefix)/connections/c\(index)")
            },
        ]
    }

    /// Sends `requests` calls of `operation` from `concurrency` clients; the durations, sorted.
    private func time(_ operation: Operation) async throws -> [Duration] {
        let clock = ContinuousClock()
        let requests = self.requests
        let concurrency = self.concurrency
        return try await withThrowingTaskGroup(of: [Duration].self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var durations: [Duration] = []
                    var index = worker
                    while index < requests {
                        let started = clock.now
                        let response = try await operation.call(index)
                        _ = try await response.body.collect(upTo: 64 << 20)
                        durations.append(clock.now - started)
                        guard (200..<300).contains(Int(response.status.code)) else {
                            throw BenchFailure("\(operation.name): call \(index) answered \(response.status.code)")
                        }
                        index += concurrency
                    }
                    return durations
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted()
        }
    }

    private static func row(_ name: String, _ sorted: [Duration]) -> String {
        func percentile(_ p: Double) -> String {
            guard !sorted.isEmpty else { return "-" }
            let index = min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)
            let milliseconds = DurationText.seconds(sorted[max(index, 0)]) * 1000
            return String(format: milliseconds < 10 ? "%.2f" : "%.1f", milliseconds)
        }
        return "| \(name) | \(percentile(0.5)) | \(percentile(0.95)) | \(percentile(0.99)) | \(percentile(1)) |"
    }

    static let app = """
        weft: 1
        app: crm
        name: CRM
        version: 1.0.0
        connection: { fields: { base_url: { type: string }, token: { type: string, secret: true } } }
        auth: { type: bearer, token: "{{ $connection.token }}" }
        base_url: "{{ $connection.base_url }}"
        actions:
          upsert: { method: PUT, path: "/contacts/{{ id }}", body: $ }

        """

    static func flowSource(_ name: String) -> String {
        """
        weft: 1
        flow: \(name)
        trigger: { webhook: { path: /hooks/\(name) } }
        steps:
          - id: shape
            map: '{ "id": $trigger.body.id, "email": $lowercase($trigger.body.email), "total": $sum($trigger.body.lines.amount) }'
          - id: keep
            filter: total > 0

        """
    }

    static func record(index: Int, state: String) -> JSON {
        let order: JSON = [
            "id": .number(Double(index)), "email": .string("Customer\(index % 500)@Example.com"),
            "lines": [["sku": "A-1", "amount": 12.5], ["sku": "B-2", "amount": 30]],
        ]
        return [
            "input": ["body": order],
            "steps": [
                ["step": "shape", "state": "succeeded", "attempts": 1, "output": ["id": .number(Double(index))]],
                ["step": "keep", "state": .string(state), "attempts": 1],
            ],
            "log": [["level": "info", "message": "run finished"]],
        ]
    }
}
