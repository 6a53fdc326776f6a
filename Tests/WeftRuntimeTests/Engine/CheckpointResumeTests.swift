import Foundation
import Testing
import WeftJSON
import WeftModel
import WeftRuntime

/// Durable runs: a checkpoint after every completed top-level step, a run resumed from one that neither repeats
/// the completed steps nor loses their message and `$steps`, and cancellation that stops a run promptly.
@Suite("Checkpoints, resuming and cancellation")
struct CheckpointResumeTests {
    static let flowText = """
        weft: 1
        flow: resume
        steps:
          - id: fetch
            action: crm/get
            input: '{ "order": id }'
          - id: route
            switch:
              cases:
                - when: got.order = "o-1"
                  steps:
                    - id: enrich
                      map: '$merge([$, { "tier": "gold" }])'
              else:
                - id: plain
                  map: $
          - id: save
            action: erp/save
            input: '{ "order": $steps.fetch.got.order, "tier": tier }'
          - id: notify
            action: chat/post
            input: '{ "saved": $steps.save.got, "first": $steps.fetch.from }'
            on_error: continue
        """

    static let message: JSON = ["id": "o-1"]

    static func run(
        _ text: String = flowText, effects: CountingEffects, journal: CheckpointJournal = CheckpointJournal(),
        checkpoint: RunCheckpoint? = nil
    ) async throws -> RunRecord {
        let engine = FlowEngine(
            flow: try checkpointTestFlow(text), effects: effects, converter: DeterminismTests.IdentityConverter(),
            clock: ManualClock(), journal: journal)
        return await engine.run(RunRequest(runId: "run-1", message: message, checkpoint: checkpoint))
    }

    @Test("a checkpoint follows every top-level step that completes, with the message and $steps after it")
    func checkpointsAfterEachStep() async throws {
        let journal = CheckpointJournal()
        let record = try await Self.run(effects: CountingEffects(failing: ["notify"]), journal: journal)
        #expect(record.state == .succeeded)
        let checkpoints = journal.checkpoints
        // The nested `enrich` gets none of its own; the recovered `notify` (on_error: continue) gets one.
        #expect(
            checkpoints.map(\.completedSteps) == [
                ["fetch"], ["fetch", "route"], ["fetch", "route", "save"],
                ["fetch", "route", "save", "notify"],
            ])
        #expect(checkpoints[0].message["from"] == "fetch")
        #expect(checkpoints[0].outputs.keys.elements == ["fetch"])
        #expect(checkpoints[1].message["tier"] == "gold")
        #expect(checkpoints[1].outputs.keys.elements == ["fetch", "enrich", "route"])
        #expect(checkpoints[1].steps.map(\.path) == ["fetch", "route.cases[0].enrich", "route"])
        #expect(checkpoints[2].message == checkpoints[2].outputs["save"])
        #expect(checkpoints[3].message["error"]?["kind"] == "http_status")
        #expect(checkpoints[3].message == record.output)
        #expect(checkpoints[3].steps == record.steps)
    }

    @Test("a run that stops at a step gets no checkpoint for it")
    func noCheckpointAfterAStop() async throws {
        let journal = CheckpointJournal()
        let record = try await Self.run(effects: CountingEffects(failing: ["save"]), journal: journal)
        #expect(record.state == .failed)
        #expect(record.failedStep == "save")
        #expect(journal.checkpoints.last?.completedSteps == ["fetch", "route"])
        #expect(journal.checkpoints.count == 2)
    }

    @Test("a resumed run skips the completed steps and ends as an uninterrupted one")
    func resumeSkipsCompletedSteps() async throws {
        let effects = CountingEffects(failing: ["save"])
        let journal = CheckpointJournal()
        let interrupted = try await Self.run(effects: effects, journal: journal)
        #expect(interrupted.state == .failed)
        // Stored and read back, as the server does.
        let stored = try #require(journal.checkpoints.last.flatMap { RunCheckpoint(json: $0.json) })
        effects.heal(["save"])
        let resumed = try await Self.run(effects: effects, checkpoint: stored)
        let uninterrupted = try await Self.run(effects: CountingEffects())

        #expect(resumed.state == .succeeded)
        #expect(effects.calls("fetch") == 1)
        #expect(effects.calls("save") == 2)
        #expect(effects.calls("notify") == 1)
        #expect(resumed.output == uninterrupted.output)
        // `$steps.fetch`, produced before the interruption, was read by the resumed `save` and `notify`.
        #expect(resumed.output?["got"]?["first"] == "fetch")
        #expect(resumed.output?["got"]?["saved"] == ["order": "o-1", "tier": "gold"])
        #expect(resumed.steps.map(\.path) == uninterrupted.steps.map(\.path))
        #expect(Array(resumed.steps.prefix(stored.steps.count)) == stored.steps)
    }

    @Test("a resumed step is called with the Idempotency-Key of its interrupted attempt")
    func resumedStepKeepsItsIdempotencyKey() async throws {
        let effects = CountingEffects(failing: ["save"])
        let journal = CheckpointJournal()
        _ = try await Self.run(effects: effects, journal: journal)
        effects.heal(["save"])
        _ = try await Self.run(effects: effects, checkpoint: journal.checkpoints.last)
        let keys = effects.keys("save")
        #expect(keys.count == 2)
        #expect(keys.first == "run-1:save")
        #expect(Set(keys).count == 1)
    }

    @Test("the records of a completed loop are kept on resume, and its items are not run again")
    func resumeKeepsLoopRecords() async throws {
        let flow = """
            weft: 1
            flow: lines
            steps:
              - id: lines
                foreach:
                  items: '[1, 2]'
                  steps:
                    - id: post
                      action: erp/add_line
              - id: close
                action: erp/close
                input: '{ "count": $count($steps.lines) }'
            """
        let effects = CountingEffects(failing: ["close"])
        let journal = CheckpointJournal()
        _ = try await Self.run(flow, effects: effects, journal: journal)
        effects.heal(["close"])
        let record = try await Self.run(flow, effects: effects, checkpoint: journal.checkpoints.last)
        #expect(record.state == .succeeded)
        #expect(record.steps.map(\.path) == ["lines[0].post", "lines[1].post", "lines", "close"])
        #expect(effects.calls("lines[0].post") == 1)
        #expect(effects.calls("lines[1].post") == 1)
        #expect(record.output?["got"] == ["count": 2])
    }

    @Test("on a changed flow only the matching prefix is skipped; from the mismatch everything runs again")
    func resumeOnAChangedFlow() async throws {
        let journal = CheckpointJournal()
        _ = try await Self.run(effects: CountingEffects(), journal: journal)
        let checkpoint = try #require(journal.checkpoints.first { $0.completedSteps.count == 3 })
        let changed = Self.flowText.replacingOccurrences(
            of: """
                  - id: route
                    switch:
                """,
            with: """
                  - id: classify
                    map: '{ "from": from, "had_route": $exists($steps.route), "tier": "silver" }'
                  - id: unused
                    switch:
                """)
        #expect(changed != Self.flowText)
        let effects = CountingEffects()
        let record = try await Self.run(changed, effects: effects, checkpoint: checkpoint)
        #expect(record.state == .succeeded)
        #expect(effects.calls("fetch") == 0)
        #expect(effects.calls("save") == 1)
        // `classify` got the message after `fetch`, and `$steps` no longer knows the dropped `route`.
        let classify = try #require(record.steps.first { $0.path == "classify" })
        #expect(classify.output == ["from": "fetch", "had_route": false, "tier": "silver"])
        #expect(record.steps.map(\.path).first == "fetch")
        #expect(!record.steps.contains { $0.path.hasPrefix("route") })
        #expect(record.output?["got"]?["saved"] == ["order": "o-1", "tier": "silver"])
    }

    @Test("a checkpoint survives JSON: read back once, every further round trip is exact")
    func checkpointJSONRoundTrip() async throws {
        let journal = CheckpointJournal()
        _ = try await Self.run(effects: CountingEffects(failing: ["notify"]), journal: journal)
        let original = try #require(journal.checkpoints.last)
        #expect(original.steps.last?.error?.status == 503)
        let once = try #require(RunCheckpoint(json: original.json))
        let twice = try #require(RunCheckpoint(json: once.json))
        #expect(once == twice)
        #expect(once.json == original.json)
        #expect(once.completedSteps == original.completedSteps)
        #expect(once.outputs == original.outputs)
        #expect(once.steps.last?.error == StepFailure(.httpStatus, "chat/post is unavailable", status: 503))
        // Through text, as a store keeps it.
        let text = original.json.serialized()
        let parsed = try #require(RunCheckpoint(json: try JSON(parsing: text)))
        #expect(parsed == once)
    }

    @Test(
        "anything else is not a checkpoint",
        arguments: [
            "hello", [:], ["completed_steps": [], "message": 1, "outputs": [:]],
            ["completed_steps": [1], "message": 1, "outputs": [:], "steps": []],
            ["completed_steps": [], "message": 1, "outputs": [], "steps": []],
            ["completed_steps": [], "message": 1, "outputs": [:], "steps": [["path": "a"]]],
            [
                "completed_steps": [], "message": 1, "outputs": [:],
                "steps": [
                    [
                        "path": "a", "step": "a", "kind": "map", "state": "exploded", "attempts": 1,
                        "started_at": "2026-01-01T00:00:00.000Z", "duration_ms": 0,
                    ]
                ],
            ],
        ] as [JSON])
    func junkIsNoCheckpoint(_ json: JSON) {
        #expect(RunCheckpoint(json: json) == nil)
    }
}
