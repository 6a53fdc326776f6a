import Testing
import WeftJSON
import WeftModel
import WeftTestSupport

@testable import WeftRuntime

/// A poll with a cursor and a key (`cursor: updated_at`, `key: id`): a record whose key was delivered before comes
/// again when it changed (its cursor is past the poll's cursor), once per change, while the records an inclusive
/// cursor returns a second time stay delivered once.
@Suite struct PollChangedRecordTests {
    private func record(_ key: String, _ cursor: JSON?) -> PollState.Record {
        PollState.Record(value: ["id": .string(key)], key: key, cursor: cursor)
    }

    @Test func aSeenKeyWithALaterCursorIsFreshAgain() {
        var state = PollState(cursor: nil)
        state.accept(record("a", "2026-03-02 14:05:11"))
        state.accept(record("b", "2026-03-02 15:00:00"))
        let page = [
            record("b", "2026-03-02 15:00:00"), record("a", "2026-03-03 09:00:00"), record("c", "2026-03-03 10:00:00"),
        ]
        #expect(state.fresh(page).map(\.key) == ["a", "c"])
    }

    @Test func aSeenKeyAtOrBeforeTheCursorStaysDelivered() {
        let state = PollState(cursor: 30, seenKeys: ["a", "b"])
        #expect(state.fresh([record("a", 30), record("b", 20), record("a", .null), record("b", nil)]).isEmpty)
        #expect(state.fresh([record("a", "40")]).isEmpty, "a cursor of another type is not past the current one")
    }

    @Test func withoutACursorTheKeyAloneDecides() {
        let state = PollState(cursor: nil, seenKeys: ["a"])
        #expect(state.fresh([record("a", 99), record("b", 1)]).map(\.key) == ["b"])
    }

    @Test func acceptingAChangedRecordKeepsItsKeyAmongTheNewest() {
        var state = PollState(cursor: nil, keyLimit: 2)
        state.accept(record("a", 1))
        state.accept(record("b", 2))
        state.accept(record("a", 3))
        state.accept(record("c", 4))
        #expect(Array(state.seenKeys) == ["a", "c"])
    }

    @Test func thePollSourceDeliversEachChangeOnce() async throws {
        let yaml = """
            poll:
              action: crm/list_contacts
              cursor: { field: updated, param: since }
              key: id
            """
        func contact(_ id: Int, _ updated: Int) -> JSON {
            ["id": .number(Double(id)), "updated": .number(Double(updated))]
        }
        let effects = PagedEffects(
            [
                .success([contact(1, 10), contact(2, 20)]),
                .success([contact(2, 20), contact(1, 25)]),
                .success([contact(1, 25), contact(3, 30)]),
            ], stopAfter: 4)
        let recorder = DeliveryRecorder()
        try await recorder.watch(
            PollSource(
                flowId: "contacts", trigger: try TriggerFixture.poll(yaml), effects: effects, clock: ManualClock(),
                state: MemoryTriggerState()))
        #expect(recorder.messages == [contact(1, 10), contact(2, 20), contact(1, 25), contact(3, 30)])
        #expect(effects.inputs == [[:], ["since": 20], ["since": 25], ["since": 30]])
    }
}
