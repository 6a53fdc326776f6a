import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Durable execution under crashes, end to end: `weft serve` is killed with SIGKILL again and again while webhooks
/// keep arriving, and is restarted on the same data directory each time. Webhook senders retry the way providers
/// do (same delivery id after a connection error or a 5xx), so every delivery that was answered 2xx must end as
/// exactly one run that succeeded, its HTTP step must have reached the sink (repeats after a crash carrying the
/// same idempotency key), and the SQLite file must still be sound.
@Suite("crash recovery")
struct CrashRecoveryCLITests {
    /// How many times the server is killed while deliveries are being sent.
    static let kills = 4
    /// How many webhook senders run at once.
    static let senders = 6

    @Test("webhooks sent while the server is SIGKILLed and restarted each end as exactly one run that succeeded")
    func killedAndRestarted() async throws {
        try requireWeft()
        let workspace = try TemporaryWorkspace()
        let sink = try await TestHTTPServer.start { _ in .json(#"{"ok":true}"#) }
        defer { Task { await sink.stop() } }

        var server = try await ServedWeft.start(in: workspace, port: 0)
        let base = server.base
        let client = APIHTTP()
        let setup = try await Self.setUp(client: client, base: base, sink: sink.baseURL)
        let hook = base + setup.hookPath

        let sending = SendingSwitch()
        var pauses: [String] = []
        var killed = 0
        let deliveries = try await withThrowingTaskGroup(of: [Delivery].self) { group in
            for sender in 0..<Self.senders {
                group.addTask {
                    var sent: [Delivery] = []
                    var number = 0
                    while sending.isOn {
                        number += 1
                        sent.append(await Self.deliver(id: "d\(sender)-\(number)", to: hook, client: client))
                        // Paced, not flat out: the suite runs tests in parallel on two cores, and a saturated CPU
                        // and disk starve other tests' processes (a `weft serve` started by another test once took
                        // a minute to print its address). Six paced senders still keep runs in flight at each kill.
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    return sent
                }
            }
            // Kill at random moments while the senders are busy, restarting on the same data and port each time.
            for _ in 0..<Self.kills {
                let pause = Double.random(in: 1.0...3.5)
                pauses.append(String(format: "%.1fs", pause))
                try await Task.sleep(for: .milliseconds(Int(pause * 1000)))
                await server.crash()
                killed += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...400)))
                server = try await ServedWeft.start(in: workspace, port: server.port)
            }
            try await Task.sleep(for: .seconds(2))
            sending.turnOff()
            var all: [Delivery] = []
            for try await sent in group { all += sent }
            return all
        }

        // Runs whose worker was killed are claimed again once their lease has expired (5 s here, 30 s by default):
        // wait for that.
        let drained = try await Self.waitUntilDrained(
            client: client, base: base, setup: setup, timeout: .seconds(100))
        let stored = try await Self.allRuns(client: client, base: base, setup: setup)
        server.interrupt()
        let stopped = await server.waitForExit(timeout: .seconds(30))

        // Every delivery was eventually answered 2xx (the senders retry until then), with one run id per delivery.
        let unanswered = deliveries.filter { $0.runID == nil }
        #expect(unanswered.isEmpty, "deliveries never answered 2xx: \(unanswered.prefix(5))")
        var deliveryOfRun: [String: String] = [:]
        for delivery in deliveries {
            guard let runID = delivery.runID else { continue }
            if let other = deliveryOfRun[runID] {
                Issue.record("deliveries \(other) and \(delivery.id) were both answered with run \(runID)")
            }
            deliveryOfRun[runID] = delivery.id
        }
        #expect(deliveries.count > 50, "too few deliveries to say anything: \(deliveries.count)")

        // The stored runs are exactly the answered ones, and all succeeded.
        #expect(drained, "runs still queued or running after the wait")
        let storedIDs = Set(stored.keys)
        let answeredIDs = Set(deliveryOfRun.keys)
        #expect(
            storedIDs.subtracting(answeredIDs).isEmpty,
            "runs stored for no answered delivery: \(storedIDs.subtracting(answeredIDs).prefix(5))")
        #expect(
            answeredIDs.subtracting(storedIDs).isEmpty,
            "answered runs that are not stored: \(answeredIDs.subtracting(storedIDs).prefix(5))")
        let unfinished = stored.filter { $0.value != "succeeded" }
        #expect(unfinished.isEmpty, "runs not succeeded: \(unfinished.prefix(5))")

        // The sink saw every run's step `send`, keyed `<run id>:send`; a key seen again belongs to the same run and
        // carries that run's delivery.
        var seen: [String: Int] = [:]
        for request in sink.requests where request.path == "/sink" {
            let key = request.header("Idempotency-Key") ?? ""
            seen[key, default: 0] += 1
            let runID = String(key.split(separator: ":").first ?? "")
            let delivery = (try? JSONParser().parse(request.bodyText))?["delivery"]?.stringValue
            #expect(key == runID + ":send", "unexpected Idempotency-Key \(key)")
            #expect(
                delivery != nil && deliveryOfRun[runID] == delivery,
                "the sink got delivery \(delivery ?? "none") under key \(key), answered for \(deliveryOfRun[runID] ?? "no delivery")"
            )
        }
        let missing = answeredIDs.filter { seen[$0 + ":send"] == nil }
        #expect(missing.isEmpty, "runs whose request never reached the sink: \(missing.prefix(5))")
        let repeated = seen.filter { $0.value > 1 }

        // The database is sound after the kills.
        #expect(stopped, "weft serve did not stop on SIGINT")
        let integrity = try Self.integrityCheck(workspace.path("data/weft.sqlite"))
        #expect(integrity == "ok", "integrity_check: \(integrity)")

        let retried = deliveries.filter { $0.attempts > 1 }.count
        let duplicates = deliveries.filter(\.answeredDuplicate).count
        print(
            "crash recovery: \(deliveries.count) deliveries (\(retried) retried, \(duplicates) answered as duplicates), "
                + "\(killed) kills (after \(pauses.joined(separator: ", "))), \(stored.count) runs, "
                + "\(repeated.count) keys repeated at the sink (\(repeated.values.reduce(0, +) - repeated.count) extra "
                + "requests), integrity \(integrity)")
    }

    /// What the test set up: the session, the organization and the flow's webhook path.
    struct Setup {
        var token: String
        var org: String
        var hookPath: String
    }

    /// Signs up, creates an organization and the flow webhook → map → HTTP POST to the sink, and reads the webhook
    /// address (its path: the host and port are the test's).
    static func setUp(client: APIHTTP, base: String, sink: String) async throws -> Setup {
        let signUp = try await client.send(
            "POST", base + "/v1/auth/signup",
            body: #"{"email":"crash@example.com","name":"Crash","password":"a long passphrase"}"#)
        let token = try #require(signUp.json["token"]?["value"]?.stringValue, "\(signUp)")
        let created = try await client.send("POST", base + "/v1/orgs", body: #"{"name":"Acme"}"#, token: token)
        let org = try #require(created.json["organization"]?["id"]?.stringValue, "\(created)")
        let flow = """
            weft: 1
            flow: orders
            trigger:
              webhook:
                delivery_id: headers."x-delivery"
            steps:
              - id: shape
                map: '{ "delivery": order.delivery, "total": order.total }'
              - id: send
                http:
                  method: POST
                  url: \(sink)/sink
                  body: '$'
            """
        let source = JSON.object(["source": .string(flow)]).serialized()
        let stored = try await client.send("POST", base + "/v1/orgs/\(org)/flows", body: source, token: token)
        #expect(stored.status == 201, "\(stored)")
        let address = try await client.send("GET", base + "/v1/orgs/\(org)/flows/orders/webhook", token: token)
        let url = try #require(address.json["url"]?.stringValue, "\(address)")
        let path = try #require(url.range(of: "/hooks/").map { String(url[$0.lowerBound...]) }, "\(url)")
        return Setup(token: token, org: org, hookPath: path)
    }

    /// One webhook delivery as the sender saw it.
    struct Delivery: Sendable, CustomStringConvertible {
        var id: String
        /// The run id of the 2xx answer; `nil` when none came.
        var runID: String?
        var attempts = 0
        /// Whether the 2xx answer said the delivery had been taken before (an earlier attempt's answer was lost).
        var answeredDuplicate = false
        var lastFailure = ""

        var description: String { "\(id): \(runID ?? "no run") after \(attempts) attempts (\(lastFailure))" }
    }

    /// Sends the delivery `id` until it is answered 2xx, as a provider does: the same delivery id again after a
    /// connection error, a 429 or a 5xx. Gives up after a bounded time (the test then fails on it).
    static func deliver(id: String, to hook: String, client: APIHTTP) async -> Delivery {
        var delivery = Delivery(id: id)
        let body = #"{"order":{"delivery":"\#(id)","total":12.5,"lines":[{"sku":"A-1","quantity":2}]}}"#
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline {
            delivery.attempts += 1
            do {
                let answer = try await client.send("POST", hook, body: body, headers: ["X-Delivery": id])
                if (200..<300).contains(answer.status), let runID = answer.json["run_id"]?.stringValue {
                    delivery.runID = runID
                    delivery.answeredDuplicate = answer.json["duplicate"] == .bool(true)
                    return delivery
                }
                delivery.lastFailure = "status \(answer.status)"
                if answer.status != 429, answer.status < 500 { return delivery }
            } catch {
                delivery.lastFailure = "\(error)"
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return delivery
    }

    /// Waits until no run is queued or running; `false` when `timeout` passes first.
    static func waitUntilDrained(client: APIHTTP, base: String, setup: Setup, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var busy = false
            for state in ["queued", "running"] {
                let page = try await client.send(
                    "GET", base + "/v1/orgs/\(setup.org)/runs?state=\(state)&limit=1", token: setup.token)
                if page.status != 200 || !(page.json["runs"]?.arrayValue?.isEmpty ?? false) { busy = true }
            }
            if !busy { return true }
            try await Task.sleep(for: .seconds(1))
        }
        return false
    }

    /// Every run of the organization: its id and state, read page by page.
    static func allRuns(client: APIHTTP, base: String, setup: Setup) async throws -> [String: String] {
        var runs: [String: String] = [:]
        var after: String?
        repeat {
            let cursor = after.map {
                "&after=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)
            }
            let page = try await client.send(
                "GET", base + "/v1/orgs/\(setup.org)/runs?limit=500" + (cursor ?? ""), token: setup.token)
            try #require(page.status == 200, "\(page)")
            for run in page.json["runs"]?.arrayValue ?? [] {
                if let id = run["id"]?.stringValue { runs[id] = run["state"]?.stringValue ?? "" }
            }
            after = page.json["next"]?.stringValue
        } while after != nil
        return runs
    }

    /// `PRAGMA integrity_check` on the database opened read-only: with the sqlite3 command line, or else Python's
    /// sqlite3 module.
    static func integrityCheck(_ path: String) throws -> String {
        let search = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        func find(_ name: String) -> String? {
            search.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        let process = Process()
        if let sqlite = find("sqlite3") {
            process.executableURL = URL(fileURLWithPath: sqlite)
            process.arguments = ["-readonly", path, "PRAGMA integrity_check;"]
        } else if let python = find("python3") {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = [
                "-c",
                "import sqlite3, sys; db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True); "
                    + "print('\\n'.join(row[0] for row in db.execute('PRAGMA integrity_check')))",
                path,
            ]
        } else {
            Issue.record("neither sqlite3 nor python3 is installed: the database could not be checked")
            return "not checked"
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// `weft serve` started for the crash test: its own process (so it can be SIGKILLed by pid), output in a file of
/// the workspace, one file per start.
final class ServedWeft {
    let process: Process
    let port: Int

    var base: String { "http://127.0.0.1:\(port)" }

    private init(process: Process, port: Int) {
        self.process = process
        self.port = port
    }

    /// Starts `weft serve` on `data` in `workspace`, on `port` (0 picks one), and waits until it listens. A port
    /// just given up by a killed server may take a moment to be free again: the start is tried a few times.
    static func start(in workspace: TemporaryWorkspace, port: Int) async throws -> ServedWeft {
        guard let executable = WeftProcess.executable else { throw WeftProcessError.notBuilt }
        var failures: [String] = []
        for attempt in 1...10 {
            let log = workspace.path("serve-\(UUID().uuidString).log")
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            let process = Process()
            process.executableURL = executable
            process.arguments = [
                "serve", "--data", "data", "--port", String(port), "--allow-egress", "127.0.0.1",
                "--log-level", "warning", "--lease-seconds", "5",
            ]
            process.currentDirectoryURL = workspace.root
            process.standardOutput = output
            process.standardError = output
            try process.run()
            try? output.close()
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline, process.isRunning {
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.contains("weft is serving on") }),
                    let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }),
                    let listening = address.split(separator: ":").last.flatMap({ Int($0) })
                {
                    return ServedWeft(process: process, port: listening)
                }
                try await Task.sleep(for: .milliseconds(25))
            }
            if process.isRunning { deliverSignal(process, SIGKILL) }
            failures.append("attempt \(attempt): " + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? ""))
            try await Task.sleep(for: .milliseconds(500))
        }
        throw CrashTestFailure("weft serve did not start:\n" + failures.joined(separator: "\n"))
    }

    /// Kills the server with SIGKILL, as a crash or an OOM kill does, and waits until it is gone.
    func crash() async {
        deliverSignal(process, SIGKILL)
        _ = await waitForExit(timeout: .seconds(30))
    }

    /// Asks the server to stop (SIGINT).
    func interrupt() {
        if process.isRunning { deliverSignal(process, SIGINT) }
    }

    /// Waits for the process to end; `false` when `timeout` passes first.
    func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

/// Sends `number` to `process` with kill(2).
private func deliverSignal(_ process: Process, _ number: Int32) {
    _ = kill(process.processIdentifier, number)
}

/// Whether the webhook senders go on sending.
final class SendingSwitch: Sendable {
    private let on = Atomic<Bool>(true)

    var isOn: Bool { on.load(ordering: .acquiring) }

    func turnOff() { on.store(false, ordering: .releasing) }
}

/// Why the crash test could not go on.
struct CrashTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A small JSON-over-HTTP client for the crash test, with short timeouts (a killed server's connections fail fast).
final class APIHTTP: Sendable {
    private let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 15
        configuration.httpMaximumConnectionsPerHost = 16
        session = URLSession(configuration: configuration)
    }

    /// An answer: its status and its body as JSON (`null` when it is not JSON).
    struct Answer: CustomStringConvertible {
        var status: Int
        var json: JSON
        var description: String { "\(status) \(json.serialized())" }
    }

    func send(
        _ method: String, _ url: String, body: String? = nil, token: String? = nil, headers: [String: String] = [:]
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return Answer(status: status, json: (try? JSONParser().parse([UInt8](data))) ?? .null)
    }
}
