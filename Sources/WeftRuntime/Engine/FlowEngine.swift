import Foundation
import JSONata
import WeftJSON
import WeftModel

/// Runs one flow version on messages, step by step. Deterministic: everything outside the engine comes through
/// `effects`, the time through `clock`, and randomness from the run id.
public struct FlowEngine: Sendable {
    public let flow: Flow
    public let effects: any RunEffects
    public let clock: any WeftClock
    public let journal: any RunJournal
    public let converter: any DataConverting
    /// Bounds for every JSONata evaluation (depth, time, output size).
    public var expressionLimits = EvaluationOptions(maxDepth: 1000, timeLimit: .seconds(5))

    /// Creates an engine.
    public init(
        flow: Flow, effects: any RunEffects, converter: any DataConverting, clock: any WeftClock,
        journal: any RunJournal
    ) {
        self.flow = flow
        self.effects = effects
        self.converter = converter
        self.clock = clock
        self.journal = journal
    }

    /// Runs one message to the end and returns what happened.
    ///
    /// With a checkpoint in the request, the run resumes after the checkpoint's completed steps. After each
    /// top-level step that completes and lets the run go on, the journal gets a new checkpoint. A cancelled task
    /// stops the run, as `cancelled`, before the next step or retry.
    public func run(_ request: RunRequest) async -> RunRecord {
        let started = clock.now()
        var variables = JSONObject()
        for (key, value) in flow.variables { variables[key] = value }
        for (key, value) in request.variables { variables[key] = value }
        let run = RunInvocation(engine: self, request: request, variables: .object(variables), clock: clock)
        let resumption = Resumption(request.checkpoint, steps: flow.steps, message: request.message)
        var scope = resumption.scope
        var records = resumption.records
        var completed = resumption.completedSteps
        var stop: Stop?
        for step in flow.steps.dropFirst(completed.count) {
            stop = await run.runStep(step, path: step.id, scope: &scope, records: &records)
            if stop != nil { break }
            completed.append(step.id)
            journal.checkpoint(
                RunCheckpoint(
                    completedSteps: completed, message: scope.message, outputs: scope.outputs, steps: records))
        }
        var record = RunRecord(
            runId: request.runId, flowId: flow.id, state: .succeeded, startedAt: started, finishedAt: clock.now(),
            output: scope.message, error: nil, failedStep: nil, steps: records)
        switch stop {
        case nil: break
        case .filtered:
            record.state = .filtered
        case .failed(let failure, let path):
            record.state = .failed
            record.error = failure
            record.failedStep = path
        case .dead(let failure, let path):
            record.state = .deadLetter
            record.error = failure
            record.failedStep = path
        case .cancelled(let failure, let path):
            record.state = .cancelled
            record.error = failure
            record.failedStep = path
        }
        return record
    }
}

/// One run in progress: the request and the engine's services, shared by every step.
struct RunInvocation: Sendable {
    let engine: FlowEngine
    let request: RunRequest
    let variables: JSON
    /// The time of this line of the run: the engine's clock, or a branch of it inside `foreach` and `parallel`.
    let clock: any WeftClock

    var journal: any RunJournal { engine.journal }

    /// The same run on a branch of its clock, for one concurrent item or branch.
    func branch() -> RunInvocation {
        RunInvocation(engine: engine, request: request, variables: variables, clock: clock.branch())
    }
    var effects: any RunEffects { engine.effects }

    func runSteps(_ steps: [Step], scope: inout Scope, prefix: String, records: inout [StepRecord]) async -> Stop? {
        for step in steps {
            let path = prefix.isEmpty ? step.id : "\(prefix).\(step.id)"
            if let stop = await runStep(step, path: path, scope: &scope, records: &records) { return stop }
        }
        return nil
    }

    /// Evaluates a JSONata expression with the run's bindings.
    func evaluate(_ expression: WeftExpression, _ scope: Scope, input: JSON? = nil) throws(StepFailure) -> JSON? {
        do throws(JSONataError) {
            return try expression.evaluate(input ?? scope.message, bindings: bindings(scope), options: options)
        } catch {
            throw StepFailure(.expression, "JSONata \(error.code): \(error.message) (in `\(expression.source)`)")
        }
    }

    func render(_ template: Template, _ scope: Scope) throws(StepFailure) -> String {
        do throws(JSONataError) {
            return try template.render(scope.message, bindings: bindings(scope), options: options)
        } catch {
            throw StepFailure(.expression, "JSONata \(error.code): \(error.message) (in `\(template.source)`)")
        }
    }

    func evaluate(_ template: ValueTemplate, _ scope: Scope) throws(StepFailure) -> JSON? {
        do throws(JSONataError) {
            return try template.evaluate(scope.message, bindings: bindings(scope), options: options)
        } catch {
            throw StepFailure(.expression, "JSONata \(error.code): \(error.message)")
        }
    }

    private func bindings(_ scope: Scope) -> [String: JSON] {
        var bindings: [String: JSON] = [
            "trigger": request.trigger, "steps": .object(scope.outputs), "vars": variables,
            "run": [
                "id": .string(request.runId), "attempt": .number(Double(request.attempt)),
                "flow": .string(engine.flow.id),
            ],
        ]
        for (name, value) in scope.loop { bindings[name] = value }
        return bindings
    }

    private var options: EvaluationOptions {
        var options = engine.expressionLimits
        let clock = clock
        options.clock = { (clock.now().timeIntervalSince1970 * 1000).rounded(.down) }
        options.randomSeed = UInt64(truncatingIfNeeded: request.runId.hashValueStable)
        return options
    }

    func context(for step: Step, path: String, attempt: Int) -> EffectContext {
        EffectContext(
            runId: request.runId, flowId: engine.flow.id, stepId: step.id, stepPath: path, attempt: attempt,
            dryRun: request.dryRun, timeout: step.timeout, journal: engine.journal,
            deadline: step.timeout.map { clock.now().addingTimeInterval(DurationText.seconds($0)) })
    }
}

extension String {
    /// A hash that is the same in every process (Swift's `hashValue` is randomly seeded).
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
