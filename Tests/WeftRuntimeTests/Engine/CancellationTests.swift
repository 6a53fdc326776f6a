import Foundation
import Testing
import WeftJSON
import WeftModel
import WeftRuntime

/// A cancelled run stops at the next step or retry, as `cancelled`, and runs nothing after.
@Suite("Cancelling a run")
struct CancellationTests {
    static func engine(_ text: String, effects: CountingEffects, clock: any WeftClock = ManualClock()) throws
        -> FlowEngine
    {
        FlowEngine(
            flow: try checkpointTestFlow(text), effects: effects, converter: DeterminismTests.IdentityConverter(),
            clock: clock, journal: CheckpointJournal())
    }

    @Test("cancelled during the wait between attempts, a run ends promptly without another attempt")
    func cancelledDuringRetryWait() async throws {
        let flow = """
            weft: 1
            flow: patient
            steps:
              - id: first
                action: crm/get
                retry: { attempts: 5, backoff: fixed, initial: 60s }
              - id: second
                action: erp/save
            """
        let effects = CountingEffects(failing: ["first"])
        let (waits, waiting) = AsyncStream.makeStream(of: Duration.self)
        let engine = try Self.engine(flow, effects: effects, clock: AnnouncingClock(waiting: waiting))
        let task = Task { await engine.run(RunRequest(runId: "run-c", message: [:])) }
        var announced = waits.makeAsyncIterator()
        // The first attempt failed and the run waits (about a minute, with jitter) before the second.
        #expect(await announced.next() != nil)
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let record = await task.value
        #expect(ContinuousClock.now - cancelledAt < .seconds(10))
        #expect(record.state == .cancelled)
        #expect(record.failedStep == "first")
        #expect(record.error?.kind == .cancelled)
        #expect(effects.calls("first") == 1)
        #expect(effects.calls("second") == 0)
        #expect(record.steps.map(\.path) == ["first"])
        #expect(record.steps.first?.state == .failed)
        #expect(record.steps.first?.attempts == 1)
    }

    @Test("cancelled between top-level steps, the next step is recorded as cancelled and not run")
    func cancelledBetweenSteps() async throws {
        let flow = """
            weft: 1
            flow: short
            steps:
              - id: first
                action: crm/get
              - id: second
                action: erp/save
                on_error: continue
            """
        let effects = CountingEffects(cancelling: ["first"])
        let engine = try Self.engine(flow, effects: effects)
        let record = await Task { await engine.run(RunRequest(runId: "run-c", message: [:])) }.value
        #expect(record.state == .cancelled)
        #expect(record.failedStep == "second")
        #expect(effects.calls("second") == 0)
        #expect(record.steps.map(\.state) == [.succeeded, .failed])
        #expect(record.steps.last?.error?.kind == .cancelled)
        #expect(record.steps.last?.attempts == 0)
    }

    @Test("cancelled between nested steps, the run stops inside the branch")
    func cancelledBetweenNestedSteps() async throws {
        let flow = """
            weft: 1
            flow: nested
            steps:
              - id: route
                switch:
                  cases:
                    - when: "true"
                      steps:
                        - id: inner
                          action: crm/get
                        - id: after
                          action: erp/save
                  else: []
              - id: last
                action: chat/post
            """
        let effects = CountingEffects(cancelling: ["inner"])
        let engine = try Self.engine(flow, effects: effects)
        let record = await Task { await engine.run(RunRequest(runId: "run-c", message: [:])) }.value
        #expect(record.state == .cancelled)
        #expect(record.failedStep == "route.cases[0].after")
        #expect(effects.calls("route.cases[0].after") == 0)
        #expect(effects.calls("last") == 0)
        #expect(record.steps.map(\.path) == ["route.cases[0].inner", "route.cases[0].after", "route"])
        #expect(record.steps.last?.state == .failed)
    }
}
