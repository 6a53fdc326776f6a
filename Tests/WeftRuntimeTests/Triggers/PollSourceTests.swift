import Foundation
import Testing
import WeftJSON
import WeftModel
import WeftTestSupport

@testable import WeftRuntime

/// `PollSource`: the action's input carries the cursor (none, `initial`, then the largest accepted), records are
/// delivered once each in cursor order however often the API returns them, a refused record stops the batch and
/// comes back on the next poll, a failing action is reported and polling goes on, and the state saved lets a new
/// source resume where the last one stopped.
@Suite struct PollSourceTests {
    private static let contacts = """
        poll:
          action: crm/list_contacts
          connection: crm
          every: 1m
          cursor: { field: updated, param: since }
          key: id
        """

    private func source(
        _ yaml: String = contacts, effects: PagedEffects, state: MemoryTriggerState = MemoryTriggerState(),
        clock: any WeftClock = ManualClock()
    ) throws -> PollSource {
        PollSource(
            flowId: "contacts", trigger: try TriggerFixture.poll(yaml), effects: effects, clock: clock, state: state)
    }

    private func contact(_ id: Int, updated: Int) -> JSON {
        ["id": .number(Double(id)), "updated": .number(Double(updated))]
    }

    private func ids(_ recorder: DeliveryRecorder) -> [Double?] {
        recorder.messages.map { $0["id"]?.numberValue }
    }

    @Test func passesTheLargestAcceptedCursorToTheNextCall() async throws {
        let effects = PagedEffects(
            [
                .success([contact(1, updated: 10), contact(2, updated: 30), contact(3, updated: 20)]),
                .success([contact(2, updated: 30), contact(4, updated: 40)]),
            ], stopAfter: 3)
        let clock = StoppingClock(stopAfter: .max)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(effects: effects, clock: clock))
        #expect(effects.inputs == [[:], ["since": 30], ["since": 40]])
        #expect(ids(recorder) == [1, 3, 2, 4])
        #expect(effects.calls.map(\.action.description) == Array(repeating: "crm/list_contacts", count: 3))
        #expect(effects.calls.map(\.connection) == ["crm", "crm", "crm"])
        #expect(clock.waits == [.seconds(60), .seconds(60), .seconds(60)])
        #expect(recorder.notices.isEmpty)
    }

    @Test func describesEachRecordInTheEvent() async throws {
        let effects = PagedEffects(
            [.success([contact(1, updated: 10)]), .success([contact(2, updated: 20)])], stopAfter: 2)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(effects: effects))
        let deliveries = recorder.accepted
        try #require(deliveries.count == 2)
        #expect(deliveries[0].key == "poll:1")
        #expect(
            deliveries[0].event == [
                "type": "poll", "action": "crm/list_contacts", "cursor": .null, "key": "1",
                "body": contact(1, updated: 10),
            ])
        #expect(deliveries[1].event["cursor"] == 10)
        #expect(deliveries[1].message == contact(2, updated: 20))
    }

    @Test func startsFromTheInitialCursor() async throws {
        let yaml = """
            poll:
              action: crm/list_contacts
              cursor: { field: updated, param: changed_after, initial: 5 }
              key: id
            """
        let effects = PagedEffects([.success([contact(1, updated: 7)])], stopAfter: 2)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(yaml, effects: effects))
        #expect(effects.inputs == [["changed_after": 5], ["changed_after": 7]])
        #expect(ids(recorder) == [1])
    }

    @Test func givesTheCursorToInputExpressionsWithoutOverridingThem() async throws {
        let yaml = """
            poll:
              action: crm/list_contacts
              input: { limit: 10, since: "$cursor * 1000" }
              cursor: { field: updated, initial: 1 }
              key: id
            """
        let effects = PagedEffects([.success([contact(1, updated: 2)])], stopAfter: 2)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(yaml, effects: effects))
        #expect(effects.inputs == [["limit": 10, "since": 1000], ["limit": 10, "since": 2000]])
    }

    @Test func neverDeliversARecordTwice() async throws {
        let page: JSON = [contact(1, updated: 10), contact(2, updated: 10)]
        let effects = PagedEffects(
            [.success(page), .success(page), .success([contact(2, updated: 10), contact(3, updated: 10)])],
            stopAfter: 3)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(effects: effects))
        #expect(ids(recorder) == [1, 2, 3])
        #expect(effects.inputs == [[:], ["since": 10], ["since": 10]])
    }

    @Test func aRefusedRecordStopsTheBatchAndComesBack() async throws {
        let page: JSON = [contact(1, updated: 10), contact(2, updated: 20), contact(3, updated: 30)]
        let effects = PagedEffects([.success(page), .success(page)], stopAfter: 2)
        let state = MemoryTriggerState()
        let recorder = DeliveryRecorder(refusing: [1])
        try await recorder.watch(try source(effects: effects, state: state))
        #expect(recorder.offers.map { $0.delivery.message["id"]?.numberValue } == [1, 2, 2, 3])
        #expect(recorder.offers.map(\.outcome) == [.accepted, .refused, .accepted, .accepted])
        #expect(effects.inputs == [[:], ["since": 10]], "the cursor stays before the refused record")
        #expect(recorder.notices.map(\.level) == [.warning])
        #expect(recorder.notices.first?.message.contains("the record 2 was refused") == true)
        #expect(state.current == ["seen": ["1", "2", "3"], "cursor": 30])
    }

    @Test func reportsAFailingActionAndKeepsPolling() async throws {
        let effects = PagedEffects(
            [.failure(StepFailure(.transport, "connection reset")), .success([contact(1, updated: 10)])],
            stopAfter: 2)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(effects: effects))
        #expect(ids(recorder) == [1])
        #expect(recorder.notices.map(\.level) == [.error])
        let message = recorder.notices.first?.message ?? ""
        #expect(message.contains("polling crm/list_contacts failed"))
        #expect(message.contains("connection reset"))
        #expect(effects.calls.count == 2)
    }

    @Test func reportsAKeyThatGivesNothing() async throws {
        let effects = PagedEffects([.success([["name": "no id"]])], stopAfter: 1)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(effects: effects))
        #expect(recorder.offers.isEmpty)
        #expect(recorder.notices.map(\.level) == [.error])
        #expect(recorder.notices.first?.message.contains("`id`") == true)
    }

    @Test func usesTheWholeRecordAsKeyWithoutAKeyExpression() async throws {
        let yaml = """
            poll:
              action: crm/list_contacts
            """
        let effects = PagedEffects(
            [.success([["b": 1, "a": 2]]), .success([["a": 2, "b": 1], ["a": 3]])], stopAfter: 2)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(yaml, effects: effects))
        #expect(recorder.messages == [["b": 1, "a": 2], ["a": 3]])
        #expect(recorder.accepted.first?.key == #"poll:{"a":2,"b":1}"#)
        #expect(effects.inputs == [[:], [:]], "no cursor, no parameter")
    }

    @Test func readsOneObjectAsOneRecordAndNullAsNone() async throws {
        let yaml = """
            poll:
              action: crm/list_contacts
              key: id
            """
        let effects = PagedEffects([.success(.null), .success(["id": "only"])], stopAfter: 2)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(yaml, effects: effects))
        #expect(recorder.messages == [["id": "only"]])
        #expect(recorder.accepted.first?.key == "poll:only")
    }

    @Test func resumesFromTheSavedState() async throws {
        let state = MemoryTriggerState()
        let first = PagedEffects([.success([contact(1, updated: 10), contact(2, updated: 20)])], stopAfter: 1)
        let firstRecorder = DeliveryRecorder()
        try await firstRecorder.watch(try source(effects: first, state: state))
        #expect(ids(firstRecorder) == [1, 2])
        #expect(state.current == ["seen": ["1", "2"], "cursor": 20])

        let second = PagedEffects([.success([contact(2, updated: 20), contact(3, updated: 30)])], stopAfter: 1)
        let secondRecorder = DeliveryRecorder()
        try await secondRecorder.watch(try source(effects: second, state: state))
        #expect(second.inputs == [["since": 20]])
        #expect(ids(secondRecorder) == [3])
        #expect(state.current == ["seen": ["1", "2", "3"], "cursor": 30])
    }

    @Test func resumesFromAStateSavedAsText() async throws {
        let saved = try JSONParser().parse(#"{"seen": ["7"], "cursor": "2026-01-01T00:00:00Z"}"#)
        let yaml = """
            poll:
              action: crm/list_contacts
              cursor: { field: updated, initial: "2000-01-01T00:00:00Z" }
              key: id
            """
        let effects = PagedEffects(
            [.success([["id": 7, "updated": "2026-01-01T00:00:00Z"], ["id": 8, "updated": "2026-01-02T00:00:00Z"]])],
            stopAfter: 1)
        let recorder = DeliveryRecorder()
        try await recorder.watch(try source(yaml, effects: effects, state: MemoryTriggerState(saved)))
        #expect(effects.inputs == [["since": "2026-01-01T00:00:00Z"]])
        #expect(ids(recorder) == [8])
    }
}
