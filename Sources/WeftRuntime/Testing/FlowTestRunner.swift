import Foundation
import WeftJSON
import WeftModel

/// The outcome of one flow test.
public struct FlowTestResult: Sendable {
    public var name: String
    /// Each expectation that did not hold, in words.
    public var failures: [String]
    public var record: RunRecord

    public var passed: Bool { failures.isEmpty }
}

/// Runs a flow's `tests:` hermetically: the trigger payload, mocks for every step that calls out, and
/// expectations on step inputs, outputs and states.
public struct FlowTestRunner: Sendable {
    public let flow: Flow
    public let converter: any DataConverting

    /// Creates a runner.
    public init(flow: Flow, converter: any DataConverting) {
        self.flow = flow
        self.converter = converter
    }

    /// Runs every test of the flow.
    public func runAll() async -> [FlowTestResult] {
        var results: [FlowTestResult] = []
        for test in flow.tests { results.append(await run(test)) }
        return results
    }

    /// Runs one test.
    public func run(_ test: FlowTest) async -> FlowTestResult {
        var mocks: [String: JSON] = [:]
        for (key, value) in test.mocks { mocks[key] = value }
        var failures: [String: String] = [:]
        for (key, value) in test.failures { failures[key] = value }
        let engine = FlowEngine(
            flow: flow, effects: MockEffects(mocks: mocks, failures: failures), converter: converter,
            clock: ManualClock(), journal: SilentJournal())
        var variables: [String: JSON] = [:]
        for (key, value) in test.variables { variables[key] = value }
        let (message, trigger) = TriggerEvent.message(for: flow.trigger, payload: test.trigger)
        let record = await engine.run(
            RunRequest(
                runId: "test-\(flow.id)-\(test.name.hashValueStable)", message: message, trigger: trigger,
                variables: variables))
        var problems: [String] = []
        for (path, expected) in test.expect {
            let actual = Self.value(at: path, in: record)
            if actual.map({ $0.isEquivalent(to: expected) }) != true {
                problems.append(
                    "\(path): expected \(expected.serialized()), got \(actual.map { $0.serialized() } ?? "nothing")")
            }
        }
        if test.expect["run.state"] == nil && record.state == .failed {
            problems.append("the run failed at `\(record.failedStep ?? "?")`: \(record.error?.description ?? "")")
        }
        return FlowTestResult(name: test.name, failures: problems, record: record)
    }

    /// The value at `run.state`, `run.output.x`, `step.state`, `step.attempts`, `step.input.x` or `step.output.x`.
    static func value(at path: String, in record: RunRecord) -> JSON? {
        let parts = path.split(separator: ".").map(String.init)
        guard let head = parts.first else { return nil }
        var rest = Array(parts.dropFirst())
        let root: JSON
        if head == "run" {
            guard let field = rest.first else { return nil }
            rest.removeFirst()
            switch field {
            case "state": root = .string(record.state.rawValue)
            case "output": root = record.output ?? .null
            case "failed_step": root = record.failedStep.map(JSON.string) ?? .null
            default: return nil
            }
        } else {
            guard let step = record.steps.last(where: { $0.stepId == head || $0.path == head }) else { return nil }
            guard let field = rest.first else { return step.output }
            rest.removeFirst()
            switch field {
            case "state": root = .string(step.state.rawValue)
            case "attempts": root = .number(Double(step.attempts))
            case "input": root = step.input ?? .null
            case "output": root = step.output ?? .null
            case "error": root = step.error.map { .string($0.message) } ?? .null
            default:
                // `step.x` is short for `step.output.x`.
                rest.insert(field, at: 0)
                root = step.output ?? .null
            }
        }
        var current = root
        for key in rest {
            if let index = Int(key), case .array(let items) = current {
                guard items.indices.contains(index) else { return nil }
                current = items[index]
            } else if case .object(let object) = current, let next = object[key] {
                current = next
            } else {
                return nil
            }
        }
        return current
    }
}

/// How a trigger payload becomes a run's message and `$trigger`.
public enum TriggerEvent {
    /// For webhooks the payload is `{ body, headers, query }` and the message is the body. For file triggers the
    /// payload may be the event `{ body, name, path, ... }` (the message is the body), or else the message itself.
    /// For other triggers the payload is the message itself.
    public static func message(for trigger: Trigger, payload: JSON) -> (message: JSON, trigger: JSON) {
        switch trigger {
        case .webhook(let webhook):
            let body = payload["body"] ?? .null
            return (
                body,
                [
                    "type": "webhook", "method": .string(webhook.method.rawValue), "path": .string(webhook.path ?? "/"),
                    "headers": payload["headers"] ?? [:], "query": payload["query"] ?? [:], "body": body,
                ]
            )
        case .file:
            guard case .object(var event) = payload, let body = event["body"] else {
                return (payload, ["type": "file", "body": payload])
            }
            event.removeValue(forKey: "type")
            var fields: JSONObject = ["type": "file"]
            for (key, value) in event { fields[key] = value }
            return (body, .object(fields))
        default:
            return (payload, ["type": .string(trigger.name), "body": payload])
        }
    }
}
