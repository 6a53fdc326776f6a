import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime

/// One flow served on this machine until interrupted, as `weft run FLOW --serve` does: its webhook answered on
/// a port, or its schedule, poll or directory watched, each message run by the engine as it arrives. Trigger
/// state (a schedule's last fire, a poll's cursor, marked files) is kept in a file so a restart resumes.
public struct LocalFlowHost: Sendable {
    /// Where and how to serve.
    public struct Options: Sendable {
        public var host = "127.0.0.1"
        public var port = 8080
        /// Where trigger state files go.
        public var stateDirectory = URL(fileURLWithPath: ".weft/state")
        /// What relative trigger paths (a file trigger's directory) are relative to.
        public var workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        /// Variable overrides for every run.
        public var variables: [String: JSON] = [:]
        /// Runs perform reads only.
        public var dryRun = false
        /// How many runs may go on at once.
        public var concurrency = 8

        /// Default options.
        public init() {}
    }

    /// What the host tells its user.
    public struct Events: Sendable {
        /// The host is ready; for webhooks, with the URL it answers on.
        public var ready: @Sendable (_ description: String) -> Void
        /// A run finished.
        public var finished: @Sendable (RunRecord, TriggerDelivery) -> Void
        /// A trigger's passing problem or news.
        public var notice: @Sendable (TriggerNotice) -> Void

        /// Creates the callbacks.
        public init(
            ready: @escaping @Sendable (String) -> Void,
            finished: @escaping @Sendable (RunRecord, TriggerDelivery) -> Void,
            notice: @escaping @Sendable (TriggerNotice) -> Void
        ) {
            self.ready = ready
            self.finished = finished
            self.notice = notice
        }
    }

    public let engine: FlowEngine
    public let options: Options
    /// Secrets by name, for webhook verification.
    public let secrets: [String: SecretString]
    public let events: Events

    /// Creates a host for the engine's flow.
    public init(engine: FlowEngine, options: Options, secrets: [String: SecretString], events: Events) {
        self.engine = engine
        self.options = options
        self.secrets = secrets
        self.events = events
    }

    /// The run queue every delivery goes through.
    public func makeQueue() -> LocalRunQueue {
        let engine = engine
        let options = options
        let events = events
        return LocalRunQueue(concurrency: options.concurrency) { delivery, runId in
            let record = await engine.run(
                RunRequest(
                    runId: runId, message: delivery.message, trigger: delivery.event, variables: options.variables,
                    dryRun: options.dryRun))
            events.finished(record, delivery)
            return record
        }
    }

    /// The webhook application of a webhook flow, its queue among its services.
    public func makeApplication(queue: LocalRunQueue) throws(LocalFlowHostError) -> some ApplicationProtocol {
        guard case .webhook(let webhook) = engine.flow.trigger else {
            throw LocalFlowHostError("the flow's trigger is not a webhook")
        }
        var verifier: WebhookVerifier?
        if let verify = webhook.verify {
            guard let secret = secrets[verify.secret] else {
                throw LocalFlowHostError(
                    "the webhook is verified with the secret `\(verify.secret)`, which is not configured; add it under "
                        + "`secrets:` in the connections file")
            }
            verifier = WebhookVerifier(verification: verify, secret: secret)
        }
        let ingress = WebhookIngress(
            flowId: engine.flow.id, trigger: webhook, verifier: verifier, queue: queue, clock: engine.clock)
        let router = Router()
        ingress.addRoutes(to: router)
        var logger = Logger(label: "weft")
        logger.logLevel = .warning
        let events = events
        let options = options
        var application = Application(
            router: router, configuration: .init(address: .hostname(options.host, port: options.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                events.ready("listening on http://\(options.host):\(port)\(ingress.path) (\(webhook.method.rawValue))")
            }, logger: logger)
        application.addServices(queue)
        return application
    }

    /// The trigger source of a schedule, poll or file flow.
    public func makeSource(effects: any RunEffects) throws(LocalFlowHostError) -> any TriggerSource {
        let flow = engine.flow
        let state = FileTriggerState(path: options.stateDirectory.appendingPathComponent("\(flow.id).json"))
        switch flow.trigger {
        case .schedule(let schedule):
            do throws(CronError) {
                return try ScheduleSource(trigger: schedule, clock: engine.clock, state: state)
            } catch {
                throw LocalFlowHostError("the schedule cannot be read: \(error)")
            }
        case .poll(let poll):
            return PollSource(flowId: flow.id, trigger: poll, effects: effects, clock: engine.clock, state: state)
        case .file(let file):
            return FileSource(trigger: file, base: options.workingDirectory, clock: engine.clock, state: state)
        case .manual:
            throw LocalFlowHostError("a manual flow has no trigger to serve; run it once with --input instead")
        case .webhook:
            throw LocalFlowHostError("a webhook is served by its application, not a source")
        }
    }

    /// A one-line description of what a source watches.
    public func describe(_ trigger: Trigger) -> String {
        switch trigger {
        case .schedule(let schedule): return "on the schedule `\(schedule.cron)` (\(schedule.timezone))"
        case .poll(let poll): return "polling \(poll.action) every \(DurationText.format(poll.every))"
        case .file(let file): return "watching \(file.directory) for \(file.pattern)"
        case .manual, .webhook: return trigger.name
        }
    }

    /// Serves until SIGINT or SIGTERM, then finishes the runs under way.
    public func run(effects: any RunEffects) async throws {
        var logger = Logger(label: "weft")
        logger.logLevel = .warning
        let queue = makeQueue()
        if case .webhook = engine.flow.trigger {
            try await makeApplication(queue: queue).runService()
            return
        }
        let source = try makeSource(effects: effects)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: queue),
                    .init(service: TriggerService(source: source, queue: queue, report: events.notice)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        events.ready(describe(engine.flow.trigger))
        try await group.run()
    }
}

/// Why a flow cannot be served.
public struct LocalFlowHostError: Error, Sendable, CustomStringConvertible {
    public var message: String

    /// Creates the error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
