import JSONata
import WeftJSON
import WeftModel

/// Calls an app action every interval and delivers each record it has not delivered before, oldest cursor
/// first. The action's input gets the cursor (as the cursor's `param`, and as `$cursor` in `input:`
/// expressions); a record's key (`key:`, or the whole record) de-duplicates the records a cursor returns again.
public struct PollSource: TriggerSource {
    public let flowId: String
    public let trigger: PollTrigger
    public let effects: any RunEffects
    public let clock: any WeftClock
    public let state: any TriggerStateStore
    /// Bounds for the `key`, `cursor` and `input` expressions.
    public var expressionLimits = EvaluationOptions(maxDepth: 1000, timeLimit: .seconds(5))

    /// Creates the source of a `poll:` trigger of flow `flowId`.
    public init(
        flowId: String, trigger: PollTrigger, effects: any RunEffects, clock: any WeftClock,
        state: any TriggerStateStore
    ) {
        self.flowId = flowId
        self.trigger = trigger
        self.effects = effects
        self.clock = clock
        self.state = state
    }

    public func run(
        deliver: @escaping @Sendable (TriggerDelivery) async -> DeliveryOutcome,
        report: @escaping @Sendable (TriggerNotice) -> Void
    ) async throws {
        var current = PollState(json: try await state.load(), initialCursor: trigger.cursor?.initial)
        var call = 0
        while !Task.isCancelled {
            call += 1
            let records: [PollState.Record]
            do throws(StepFailure) {
                records = try await poll(current, call: call)
            } catch {
                report(TriggerNotice(.error, "polling \(trigger.action) failed: \(error)"))
                records = []
            }
            for record in current.fresh(records) {
                let delivery = TriggerDelivery(
                    message: record.value,
                    event: [
                        "type": "poll", "action": .string(trigger.action.description),
                        "cursor": current.cursor ?? .null, "key": .string(record.key), "body": record.value,
                    ],
                    key: "poll:" + record.key)
                guard await deliver(delivery) == .accepted else {
                    report(TriggerNotice(.warning, "the record \(record.key) was refused; polling again later"))
                    break
                }
                current.accept(record)
                try await state.save(current.json)
            }
            try await clock.sleep(for: trigger.every)
        }
    }

    /// Calls the action once with the current cursor and reads the records it returns.
    func poll(_ current: PollState, call: Int) async throws(StepFailure) -> [PollState.Record] {
        let cursor = current.cursor ?? .null
        var input = JSONObject()
        if let template = trigger.input {
            do throws(JSONataError) {
                let value = try template.evaluate(nil, bindings: ["cursor": cursor], options: expressionLimits)
                if case .object(let object)? = value { input = object }
            } catch {
                throw StepFailure(.expression, "the poll's input: \(error)")
            }
        }
        if let parameter = trigger.cursor?.parameter, input[parameter] == nil, current.cursor != nil {
            input[parameter] = cursor
        }
        let context = EffectContext(
            runId: "poll-\(flowId)-\(call)", flowId: flowId, stepId: "trigger", stepPath: "trigger", attempt: 1,
            dryRun: false, timeout: nil, journal: SilentJournal())
        let output = try await effects.callAction(
            trigger.action, connection: trigger.connection, input: .object(input), context: context)
        let values: [JSON]
        switch output {
        case .array(let array): values = array
        case .null: values = []
        default: values = [output]
        }
        var records: [PollState.Record] = []
        for value in values {
            var cursor: JSON?
            if let field = trigger.cursor?.field { cursor = try evaluate(field, on: value) }
            records.append(PollState.Record(value: value, key: try key(of: value), cursor: cursor))
        }
        return records
    }

    /// A record's identity: its `key:` value as text, or the whole record's canonical text.
    private func key(of record: JSON) throws(StepFailure) -> String {
        guard let expression = trigger.key else { return record.serialized(sortedKeys: true) }
        switch try evaluate(expression, on: record) {
        case .string(let text)?: return text
        case let value?: return value.serialized(sortedKeys: true)
        case nil: throw StepFailure(.expression, "the poll's key `\(expression)` gave nothing for a record")
        }
    }

    private func evaluate(_ expression: WeftExpression, on record: JSON) throws(StepFailure) -> JSON? {
        do throws(JSONataError) {
            return try expression.evaluate(record, bindings: [:], options: expressionLimits)
        } catch {
            throw StepFailure(.expression, "`\(expression)`: \(error)")
        }
    }
}
