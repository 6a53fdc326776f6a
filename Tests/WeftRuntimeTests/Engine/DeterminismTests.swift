import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftModel
import WeftRuntime

/// The same flow version on the same message gives the same run: outputs, step records, attempts and times,
/// with the clock and randomness injected — even through concurrency, retries with jitter and error handlers.
@Suite("Runs are deterministic")
struct DeterminismTests {
    static let flowText = """
        weft: 1
        flow: rich
        vars: { threshold: 100 }
        steps:
          - id: shape
            map: |
              {
                "order": id,
                "lines": items.{ "sku": $uppercase(sku), "amount": qty * price },
                "total": $sum(items.(qty * price)),
                "stamp": $now(),
                "millis": $millis(),
                "lucky": $random()
              }
          - id: keep
            filter: total > 0
          - id: route
            switch:
              cases:
                - when: total > $vars.threshold
                  steps:
                    - id: big
                      map: '$merge([$, { "tier": "big" }])'
              else:
                - id: small
                  map: '$merge([$, { "tier": "small" }])'
          - id: lines
            foreach:
              items: $steps.shape.lines
              concurrency: 4
              steps:
                - id: post
                  action: erp/add_line
                  input: $
                  retry: { attempts: 3, backoff: exponential, initial: 1s, jitter: true }
          - id: fan
            parallel:
              chat:
                - id: notify
                  action: chat/post
                  input: '{ "text": "order " & $steps.shape.order }'
                  retry: { attempts: 2, backoff: fixed, initial: 3s }
                  on_error: continue
              audit:
                - id: pause
                  delay: 1s
                - id: audit
                  action: audit/write
                  input: $steps.shape
                  on_error:
                    steps:
                      - id: note
                        map: '{ "audit_failed": true }'
          - id: delay
            delay: 2s
          - id: summary
            map: '{ "order": $steps.shape.order, "lines": $count($steps.lines), "lucky": $steps.shape.lucky }'
        """

    /// Effects whose answers depend only on the call: a line's first attempt fails (retryable), chat always
    /// fails, audit fails, everything else echoes its input.
    struct ScriptedEffects: RunEffects {
        func callAction(_ action: ActionReference, connection: String?, input: JSON, context: EffectContext)
            async throws(StepFailure) -> JSON
        {
            switch (action.description, context.attempt) {
            case ("erp/add_line", 1): throw StepFailure(.httpStatus, "busy", status: 503, retryable: true)
            case ("chat/post", _): throw StepFailure(.transport, "chat is down", retryable: true)
            case ("audit/write", _): throw StepFailure(.httpStatus, "forbidden", status: 403, retryable: false)
            default: return ["saved": input, "by": .string(context.idempotencyKey)]
            }
        }

        func send(_ request: HTTPRequest, connection: String?, context: EffectContext) async throws(StepFailure)
            -> HTTPResponse
        {
            HTTPResponse(status: 200)
        }

        func writeFile(path: String, contents: [UInt8], mode: FileOutputStep.Mode, context: EffectContext)
            async throws(StepFailure)
        {}
    }

    static func run(runId: String) async throws -> RunRecord {
        let (document, diagnostics) = WeftDocument.parse(flowText, file: "rich.flow.yaml")
        guard case .flow(let flow)? = document, diagnostics.isEmpty else { throw FlowError(diagnostics: diagnostics) }
        let engine = FlowEngine(
            flow: flow, effects: ScriptedEffects(), converter: IdentityConverter(), clock: ManualClock(),
            journal: SilentJournal())
        let message: JSON = [
            "id": "o-1", "items": [["sku": "a1", "qty": 2, "price": 30], ["sku": "b2", "qty": 1, "price": 70]],
        ]
        return await engine.run(RunRequest(runId: runId, message: message))
    }

    @Test("a rich flow run twice gives identical records")
    func sameRunTwice() async throws {
        let first = try await Self.run(runId: "run_1")
        let second = try await Self.run(runId: "run_1")
        #expect(first.state == .succeeded, "\(first.json.serialized(indent: 2))")
        #expect(first.json.serialized() == second.json.serialized())
        // The run exercised what makes determinism hard.
        let states = Dictionary(first.steps.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(states["lines[0].post"]?.attempts == 2)
        #expect(states["fan.chat.notify"]?.state == .recovered)
        #expect(states["fan.audit.audit"]?.state == .recovered)
        #expect(states["fan.audit.audit.on_error.note"] != nil || states.keys.contains { $0.hasSuffix("note") })
        // Under the manual clock the join ends with the slowest branch, whichever order the branches ran in.
        func end(_ record: StepRecord) -> Double { record.startedAt.timeIntervalSince1970 * 1000 + record.milliseconds }
        let branchEnds = first.steps.filter { $0.path.hasPrefix("fan.") }.map(end)
        #expect(states["fan"].map(end) == branchEnds.max())
        #expect(first.output?["lines"] == 2)
    }

    @Test("randomness comes from the run id: another run id draws differently, the same one the same")
    func randomnessFollowsRunId() async throws {
        let a = try await Self.run(runId: "run_a")
        let b = try await Self.run(runId: "run_b")
        let again = try await Self.run(runId: "run_a")
        #expect(a.output?["lucky"] != b.output?["lucky"])
        #expect(a.output?["lucky"] == again.output?["lucky"])
    }

    struct FlowError: Error {
        var diagnostics: [Diagnostic]
    }

    struct IdentityConverter: DataConverting {
        func convert(_ value: JSON, from: DataFormat, to: DataFormat, options: [String: JSON]) throws(StepFailure)
            -> JSON
        { value }
    }
}
