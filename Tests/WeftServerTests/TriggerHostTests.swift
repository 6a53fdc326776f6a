import Foundation
import Logging
import Synchronization
import Testing
import WeftJSON
import WeftModel
import WeftRuntime
import WeftStore
import WeftStoreSQLite
import WeftTestSupport

@testable import WeftServer

/// The server's trigger host on a real SQLite store: schedules fire once per tick across restarts and
/// concurrent hosts, catch up after downtime as their policy says, polls resume from their stored cursor, flows
/// are followed as they are disabled or saved again, and broken triggers are reported once without harming the
/// others. Time moves only when a test moves it.
@Suite("Trigger host")
struct TriggerHostTests {
    @Test("a schedule fires once per tick, and a restarted host does not fire a tick again")
    func scheduleTicks() async throws {
        let world = try await World()
        let flow = try await world.flow("tick", trigger: #"schedule: { cron: "* * * * *" }"#)
        let clock = SteppedClock()
        var host = try await world.start(clock: clock)
        try await eventually("the schedule waits") { clock.sleepers == 1 }
        for tick in 1...3 {
            clock.advance(by: .seconds(60))
            try await eventually("tick \(tick) is queued") {
                try await world.runs(of: flow).count == tick && clock.sleepers == 1
            }
        }
        await host.stop()
        #expect(clock.sleepers == 0, "a source still waits after the host stopped")

        host = try await world.start(clock: clock)
        try await eventually("the restarted schedule waits") { clock.sleepers == 1 }
        let runs = try await world.runs(of: flow)
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.trigger == "schedule" && $0.state == "queued" && $0.flowVersion == 1 })
        var times: [String] = []
        for run in runs { times.append(try await world.message(of: run)?["time"]?.stringValue ?? "none") }
        #expect(
            times.sorted() == [
                "2026-01-01T00:01:00.000Z", "2026-01-01T00:02:00.000Z", "2026-01-01T00:03:00.000Z",
            ])
        await host.stop()
        await world.remove()
    }

    @Test("with the run queue full, a tick is held back and offered again, not lost")
    func fullQueue() async throws {
        let world = try await World()
        let flow = try await world.flow("tick", trigger: #"schedule: { cron: "* * * * *" }"#)
        let clock = SteppedClock()
        let log = LogRecorder()
        var host = try await world.start(clock: clock, logger: log.logger, maximumQueued: 0)
        try await eventually("the schedule waits") { clock.sleepers == 1 }
        clock.advance(by: .seconds(60))
        try await eventually("the tick is refused") { log.entries.contains { $0.message.contains("queue is full") } }
        #expect(try await world.runs(of: flow).isEmpty)
        await host.stop()
        // Room again (a restart with space): the held tick is fired, once.
        host = try await world.start(clock: clock)
        try await eventually("the held tick is queued") { try await world.runs(of: flow).count == 1 }
        await host.stop()
        await world.remove()
    }

    @Test(
        "after downtime a schedule catches up as its policy says", arguments: [("once", 1), ("all", 5), ("skip", 0)])
    func catchUp(policy: String, expected: Int) async throws {
        let world = try await World()
        let flow = try await world.flow(
            "hourly", trigger: #"schedule: { cron: "0 * * * *", catch_up: \#(policy) }"#)
        let clock = SteppedClock()
        var host = try await world.start(clock: clock)
        try await eventually("the schedule waits") { clock.sleepers == 1 }
        await host.stop()
        #expect(try await world.tenant.triggerState(flowID: flow.id)?["last_fire"] == "2026-01-01T00:00:00.000Z")

        // Down for five ticks and a half: the newest missed tick is 30 minutes old.
        clock.advance(by: .seconds(5 * 3600 + 1800))
        host = try await world.start(clock: clock)
        try await eventually("the schedule waits for the next tick") { clock.sleepers == 1 }
        var times: [String] = []
        for run in try await world.runs(of: flow) {
            times.append(try await world.message(of: run)?["time"]?.stringValue ?? "none")
        }
        let all = (1...5).map { "2026-01-01T0\($0):00:00.000Z" }
        #expect(times.count == expected)
        #expect(times.sorted() == (policy == "once" ? [all[4]] : policy == "all" ? all : []))
        await host.stop()
        await world.remove()
    }

    @Test("two hosts on one database fire each tick once")
    func twoHosts() async throws {
        let world = try await World()
        let flow = try await world.flow("tick", trigger: #"schedule: { cron: "* * * * *" }"#)
        // A second process: its own connection to the same database file, its own intake.
        let other = SQLiteStore(path: world.databasePath)
        try await other.migrate()
        let clock = SteppedClock()
        let first = try await world.start(clock: clock)
        let second = try await world.start(clock: clock, store: other)
        try await eventually("both schedules wait") { clock.sleepers == 2 }
        for tick in 1...3 {
            clock.advance(by: .seconds(60))
            try await eventually("tick \(tick) is delivered by both") {
                try await world.runs(of: flow).count >= tick && clock.sleepers == 2
            }
        }
        #expect(try await world.runs(of: flow).count == 3)
        await first.stop()
        await second.stop()
        await other.close()
        await world.remove()
    }

    @Test("a poll creates one run per new record and resumes from its stored cursor after a restart")
    func pollResumes() async throws {
        let items = Mutex(#"[{"id": 1, "n": "a"}, {"id": 2, "n": "b"}]"#)
        let api = try await TestHTTPServer.start { _ in .json(items.withLock { $0 }) }
        let world = try await World()
        try await world.feedApp(baseURL: api.baseURL, token: "poll-secret-7731")
        let flow = try await world.flow(
            "watch",
            trigger: "poll: { action: feed/items, connection: feed, every: 1m, key: $string(id) }",
            connections: "connections: { feed: feed }", appVersions: ["feed": "1.0.0"])
        let clock = SteppedClock()
        let firstLog = LogRecorder()
        var host = try await world.start(clock: clock, logger: firstLog.logger, allowing: api.port)
        try await eventually("the first page is queued") {
            try await world.runs(of: flow).count == 2 && clock.sleepers == 1
        }
        items.withLock { $0 = #"[{"id": 1, "n": "a"}, {"id": 2, "n": "b"}, {"id": 3, "n": "c"}]"# }
        clock.advance(by: .seconds(60))
        try await eventually("the new record is queued") {
            try await world.runs(of: flow).count == 3 && clock.sleepers == 1
        }
        await host.stop()
        #expect(firstLog.entries.filter { $0.message == "a trigger delivery created a run" }.count == 3)

        let secondLog = LogRecorder()
        host = try await world.start(clock: clock, logger: secondLog.logger, allowing: api.port)
        try await eventually("the restarted poll has called again and waits") {
            api.requests.count == 3 && clock.sleepers == 1
        }
        await host.stop()
        #expect(try await world.runs(of: flow).count == 3)
        #expect(
            !secondLog.entries.contains { $0.message.contains("trigger delivery") },
            "a record was delivered again: \(secondLog.entries.map(\.message))")
        let state = try await world.tenant.triggerState(flowID: flow.id)
        #expect(state?["seen"] == ["1", "2", "3"])
        var names: [String] = []
        for run in try await world.runs(of: flow) {
            #expect(run.trigger == "poll")
            names.append(try await world.message(of: run)?["n"]?.stringValue ?? "none")
        }
        #expect(names.sorted() == ["a", "b", "c"])
        #expect(api.requests.allSatisfy { $0.header("Authorization") == "Bearer poll-secret-7731" })
        for entry in firstLog.entries + secondLog.entries {
            #expect(!entry.text.contains("poll-secret-7731"), "a log line holds the secret")
        }
        await api.stop()
        await world.remove()
    }

    @Test("a new version restarts a flow's trigger on it, and disabling the flow stops it")
    func followsFlows() async throws {
        let world = try await World()
        let flow = try await world.flow("tick", trigger: #"schedule: { cron: "* * * * *" }"#)
        // Keeps ticking throughout: once its run of a tick is queued, every source has dealt with that tick.
        let witness = try await world.flow("witness", trigger: #"schedule: { cron: "* * * * *" }"#)
        let clock = SteppedClock()
        let host = try await world.start(clock: clock)
        try await eventually("both schedules wait") { clock.sleepers == 2 }
        clock.advance(by: .seconds(60))
        try await eventually("the first tick is queued") {
            try await world.runs(of: flow).count == 1 && clock.sleepers == 2
        }

        _ = try await world.tenant.addFlowVersion(
            flowID: flow.id, source: World.source("tick", trigger: #"schedule: { cron: "* * * * *" }"#, map: "1"),
            appVersions: [:], createdBy: world.user)
        try await eventually("the trigger follows version 2") {
            host.host.watchedVersions[flow.id] == 2 && clock.sleepers == 2
        }
        clock.advance(by: .seconds(60))
        try await eventually("the second tick is queued") {
            try await world.runs(of: flow).count == 2 && clock.sleepers == 2
        }
        #expect(try await world.runs(of: flow).map(\.flowVersion).sorted() == [1, 2])

        _ = try await world.tenant.setFlowEnabled(flowID: flow.id, enabled: false)
        try await eventually("the disabled flow is no longer watched") {
            host.host.watchedVersions[flow.id] == nil && clock.sleepers == 1
        }
        for tick in 3...5 {
            clock.advance(by: .seconds(60))
            try await eventually("the witness's tick is queued") {
                try await world.runs(of: witness).count == tick && clock.sleepers == 1
            }
        }
        #expect(try await world.runs(of: flow).count == 2)
        await host.stop()
        await world.remove()
    }

    @Test("a trigger that cannot be watched is reported once and the others go on")
    func brokenTriggers() async throws {
        let world = try await World()
        try await world.feedApp(baseURL: "http://127.0.0.1:9", token: "unused-secret")
        let root = world.directory.appendingPathComponent("files")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(world.tenant.tenantID.rawValue).appendingPathComponent("inbox"),
            withIntermediateDirectories: true)
        // Another organization's directory under the same root.
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("org_other").appendingPathComponent("inbox"),
            withIntermediateDirectories: true)
        let broken = [
            try await world.flow("bad-cron", trigger: #"schedule: { cron: "61 * * * *" }"#),
            try await world.flow(
                "no-action", trigger: "poll: { action: feed/nope, connection: feed }",
                connections: "connections: { feed: feed }", appVersions: ["feed": "1.0.0"]),
            try await world.flow(
                "no-connection", trigger: "poll: { action: feed/items, connection: other }",
                connections: "connections: { other: feed }", appVersions: ["feed": "1.0.0"]),
            try await world.flow("outside", trigger: "file: { directory: ../elsewhere }"),
            try await world.flow("absolute", trigger: "file: { directory: /etc }"),
            try await world.flow("escaping", trigger: "file: { directory: inbox, move_to: ../../moved }"),
            try await world.flow("neighbour", trigger: "file: { directory: ../org_other/inbox }"),
        ]
        let good = try await world.flow("tick", trigger: #"schedule: { cron: "* * * * *" }"#)
        let inbox = try await world.flow("inbox", trigger: "file: { directory: inbox, pattern: '*.json' }")
        let log = LogRecorder()
        let clock = SteppedClock()
        let host = try await world.start(clock: clock, logger: log.logger, fileRoot: root.path)
        // The schedule and the file trigger wait; refreshing again changes nothing.
        try await eventually("the good triggers wait") { clock.sleepers == 2 }
        let refreshed = host.host.completedRefreshes
        try await eventually("three more refreshes are done") { host.host.completedRefreshes >= refreshed + 3 }
        clock.advance(by: .seconds(60))
        try await eventually("the good schedule fires") {
            try await world.runs(of: good).count == 1 && clock.sleepers == 2
        }
        #expect(host.host.watchedVersions.keys.sorted() == [good.id, inbox.id].sorted())
        for flow in broken {
            let errors = log.entries.filter { $0.level == .error && $0.metadata["flow"] == flow.name }
            #expect(errors.count == 1, "\(flow.name): \(errors.map(\.message))")
            #expect(errors.first?.metadata["tenant"] == world.tenant.tenantID.rawValue)
        }
        let messages = log.entries.filter { $0.level == .error }.map(\.message).joined(separator: "\n")
        #expect(messages.contains("61 * * * *"))
        #expect(messages.contains("no action `nope`"))
        #expect(messages.contains("connection `other` does not exist"))
        #expect(messages.contains("outside the organization's directory in the server's file root"))
        await host.stop()

        // Without a file root, file triggers are refused, saying why.
        let refusing = LogRecorder()
        let second = try await world.start(clock: clock, logger: refusing.logger)
        try await eventually("the file trigger is refused") {
            refusing.entries.contains { $0.level == .error && $0.metadata["flow"] == "inbox" }
                && second.host.completedRefreshes >= 2
        }
        await second.stop()
        let refused = refusing.entries.filter { $0.level == .error && $0.metadata["flow"] == "inbox" }
        #expect(refused.count == 1)
        #expect(refused.first?.message.contains("no directory configured") == true)
        await world.remove()
    }

    @Test("a file trigger under the root delivers a new file once")
    func fileTrigger() async throws {
        let world = try await World()
        let root = world.directory.appendingPathComponent("files")
        let inbox = root.appendingPathComponent(world.tenant.tenantID.rawValue).appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let flow = try await world.flow("inbox", trigger: "file: { directory: inbox, pattern: '*.json', every: 2s }")
        try Data(#"{"order": 7}"#.utf8).write(to: inbox.appendingPathComponent("order.json"))
        let clock = SteppedClock(start: Date())
        let host = try await world.start(clock: clock, fileRoot: root.path)
        // A file is taken once it has stopped changing: seen the same at two looks.
        for _ in 0..<5 {
            if try await !world.runs(of: flow).isEmpty { break }
            try await eventually("the file trigger waits") { clock.sleepers == 1 }
            clock.advance(by: .seconds(2))
        }
        try await eventually("the file is delivered") { try await world.runs(of: flow).count == 1 }
        await host.stop()
        let run = try #require(try await world.runs(of: flow).first)
        #expect(run.trigger == "file")
        #expect(try await world.message(of: run) == ["order": 7])
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("processed/order.json").path))
        await world.remove()
    }
}

extension TriggerHostTests {
    /// A SQLite store on a temporary file with one organization, and what tests need to drive trigger hosts on it.
    struct World {
        let directory: URL
        let store: SQLiteStore
        let user: StoreID
        let tenant: any TenantStore
        let sealer: SecretSealer

        var databasePath: String { directory.appendingPathComponent("weft.sqlite").path }

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                "weft-triggers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = SQLiteStore(path: directory.appendingPathComponent("weft.sqlite").path)
            try await store.migrate()
            user = try await store.createUser(email: "ada@example.com", name: "Ada", passwordHash: "unused").id
            let created = try await store.createTenant(name: "Acme", owner: user)
            tenant = store.tenant(created.id)
            sealer = SecretSealer(keyring: TenantKeyring(store: store, masterKey: MasterKey.generate()))
        }

        /// A one-step flow's YAML.
        static func source(_ name: String, trigger: String, connections: String = "", map: String = "$") -> String {
            """
            weft: 1
            flow: \(name)
            \(connections)
            trigger: { \(trigger) }
            steps:
              - id: pass
                map: \(map)

            """
        }

        /// Stores an enabled flow.
        func flow(_ name: String, trigger: String, connections: String = "", appVersions: [String: String] = [:])
            async throws -> StoredFlow
        {
            try await tenant.createFlow(
                name: name, source: Self.source(name, trigger: trigger, connections: connections),
                appVersions: appVersions, createdBy: user)
        }

        /// Stores the app `feed` (version 1.0.0, action `items` at `GET /items` with a bearer token) and its
        /// connection `feed`, the token sealed.
        func feedApp(baseURL: String, token: String) async throws {
            let app = """
                weft: 1
                app: feed
                name: Feed
                version: 1.0.0
                connection: { fields: { base_url: { type: string }, token: { type: string, secret: true } } }
                auth: { type: bearer, token: "{{ $connection.token }}" }
                base_url: "{{ $connection.base_url }}"
                actions:
                  items: { path: /items }

                """
            _ = try await tenant.saveApp(appID: "feed", version: "1.0.0", source: app, createdBy: user)
            let id = StoreID.random("con")
            try await tenant.saveConnection(
                StoredConnection(
                    id: id, tenantID: tenant.tenantID, name: "feed", appID: "feed",
                    values: ["base_url": .string(baseURL)],
                    sealedSecrets: try await ConnectionSecrets.seal(
                        ["token": .string(token)], tenant: tenant.tenantID, id: id, sealer: sealer),
                    createdAt: Date(), updatedAt: Date()))
        }

        /// Starts a host on `store` (this world's by default) with a short refresh interval.
        func start(
            clock: SteppedClock, store: (any WeftStore)? = nil,
            logger: Logger = Logger(label: "weft.test") { _ in SwiftLogNoOpLogHandler() },
            fileRoot: String? = nil, allowing port: Int? = nil, maximumQueued: Int = 10_000
        ) async throws -> RunningHost {
            let store = store ?? self.store
            let intake = RunIntake(
                store: store, wake: WorkerSignal(), metrics: Metrics(), depth: QueueDepth(),
                maximumQueued: maximumQueued)
            let outbound = OutboundHTTP(allowedHosts: port.map { ["127.0.0.1:\($0)"] } ?? [])
            let host = TriggerHost(
                store: store, intake: intake, sealer: sealer, outbound: outbound, fileRoot: fileRoot, clock: clock,
                refreshInterval: .milliseconds(20), logger: logger)
            return RunningHost(host: host, outbound: outbound)
        }

        /// The flow's runs.
        func runs(of flow: StoredFlow) async throws -> [StoredRun] {
            try await tenant.runs(RunQuery(flowID: flow.id, limit: 500)).runs
        }

        /// The message a run was submitted with.
        func message(of run: StoredRun) async throws -> JSON? {
            try await tenant.runInput(id: run.id)?["message"]
        }

        /// Closes and deletes the database.
        func remove() async {
            await store.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A trigger host running in a task of its own, as the service group would run it.
    struct RunningHost {
        let host: TriggerHost
        let outbound: OutboundHTTP
        let task: Task<Void, any Error>
        let outboundTask: Task<Void, any Error>

        init(host: TriggerHost, outbound: OutboundHTTP) {
            self.host = host
            self.outbound = outbound
            task = Task { try await host.run() }
            outboundTask = Task { try await outbound.run() }
        }

        /// Stops the host (as a shutdown does) and waits until it has returned.
        func stop() async {
            task.cancel()
            _ = try? await task.value
            outboundTask.cancel()
            _ = try? await outboundTask.value
        }
    }

    /// A manual clock whose sleepers wait, suspended, until the test moves the time to or past their deadline.
    final class SteppedClock: WeftClock {
        private struct Sleeper {
            let id: UInt64
            let deadline: Date
            let continuation: CheckedContinuation<Void, any Error>
        }

        private struct State {
            var now: Date
            var sleepers: [Sleeper] = []
            var nextID: UInt64 = 0
        }

        private let state: Mutex<State>

        /// Starts at `start` (2026-01-01T00:00:00Z by default).
        init(start: Date = Date(timeIntervalSince1970: 1_767_225_600)) {
            state = Mutex(State(now: start))
        }

        /// How many sleeps are waiting.
        var sleepers: Int { state.withLock { $0.sleepers.count } }

        func now() -> Date { state.withLock { $0.now } }

        func sleep(for duration: Duration) async throws {
            let id = state.withLock { state in
                state.nextID += 1
                return state.nextID
            }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    let immediate: Result<Void, any Error>? = state.withLock { state in
                        if Task.isCancelled { return .failure(CancellationError()) }
                        let deadline = state.now.addingTimeInterval(DurationText.seconds(duration))
                        if deadline <= state.now { return .success(()) }
                        state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                        return nil
                    }
                    if let immediate { continuation.resume(with: immediate) }
                }
            } onCancel: {
                let sleeper = state.withLock { state -> Sleeper? in
                    guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.sleepers.remove(at: index)
                }
                sleeper?.continuation.resume(throwing: CancellationError())
            }
        }

        /// Moves the time forward and wakes the sleepers whose deadline it reached.
        func advance(by duration: Duration) {
            let woken = state.withLock { state in
                state.now = state.now.addingTimeInterval(DurationText.seconds(duration))
                let now = state.now
                let woken = state.sleepers.filter { $0.deadline <= now }
                state.sleepers.removeAll { $0.deadline <= now }
                return woken
            }
            for sleeper in woken { sleeper.continuation.resume() }
        }
    }

    /// Waits, checking often, until `condition` holds; fails after `limit` (a generous bound, not a timing claim).
    func eventually(
        _ what: String, limit: Duration = .seconds(30), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + limit
        while try await !condition() {
            guard ContinuousClock.now < deadline else { throw PlatformTestFailure("gave up waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
