import Testing
import WeftJSON

@testable import WeftRuntime

/// `PollState`: which records of a page are new (seen keys and repeats dropped, cursor order, stable otherwise),
/// how accepting a record moves the cursor (forward only) and the remembered keys (bounded), and the saved form.
@Suite struct PollStateTests {
    private func record(_ key: String, _ cursor: JSON? = nil) -> PollState.Record {
        PollState.Record(value: ["id": .string(key)], key: key, cursor: cursor)
    }

    private func keys(_ records: [PollState.Record]) -> [String] { records.map(\.key) }

    @Test func freshDropsSeenKeysAndRepeatsWithinAPage() {
        let state = PollState(cursor: nil, seenKeys: ["a", "c"])
        let page = [
            record("a"), record("b"), PollState.Record(value: "second b", key: "b", cursor: nil), record("c"),
            record("d"),
        ]
        let fresh = state.fresh(page)
        #expect(keys(fresh) == ["b", "d"])
        #expect(fresh.first?.value == ["id": "b"])
        #expect(state.fresh([]).isEmpty)
    }

    @Test func freshSortsByNumericCursorByValueAndStably() {
        let state = PollState(cursor: nil)
        let page = [record("ten", 10), record("nine", 9), record("one-a", 1), record("two", 2), record("one-b", 1)]
        #expect(keys(state.fresh(page)) == ["one-a", "one-b", "two", "nine", "ten"])
    }

    @Test func freshSortsISOTimesChronologically() {
        let state = PollState(cursor: nil)
        let page = [
            record("c", "2026-03-01T10:00:00Z"), record("a", "2025-12-31T23:59:59Z"),
            record("b", "2026-03-01T09:59:59.999Z"), record("d", "2026-03-01T10:00:00Z"),
        ]
        #expect(keys(state.fresh(page)) == ["a", "b", "c", "d"])
    }

    @Test func freshOrdersISOTimesWrittenWithAndWithoutMilliseconds() {
        // ".5Z" is later than "Z" at the same second, though '.' sorts before 'Z' as a character.
        let state = PollState(cursor: nil)
        let page = [record("later", "2026-03-01T10:00:00.500Z"), record("earlier", "2026-03-01T10:00:00Z")]
        #expect(keys(state.fresh(page)) == ["earlier", "later"])
    }

    @Test func freshOrdersUTCTimesWithAnyNumberOfFractionDigits() {
        let state = PollState(cursor: nil)
        let page = [
            record("micro", "2026-03-01T10:00:00.000001Z"), record("half", "2026-03-01T10:00:00.5Z"),
            record("whole", "2026-03-01T10:00:00Z"), record("half-again", "2026-03-01T10:00:00.500Z"),
            record("next", "2026-03-01T10:00:01Z"),
        ]
        #expect(keys(state.fresh(page)) == ["whole", "micro", "half", "half-again", "next"])
    }

    @Test func freshOrdersOtherStringsByTheirCharacters() {
        let state = PollState(cursor: nil)
        let page = [
            record("b", "b"), record("offset", "2026-03-01T10:00:00+01:00"), record("a", "a"),
            record("offset-earlier", "2026-03-01T09:00:00+01:00"),
        ]
        #expect(keys(state.fresh(page)) == ["offset-earlier", "offset", "a", "b"])
    }

    @Test func freshKeepsThePageOrderWithoutCursors() {
        let state = PollState(cursor: nil)
        #expect(keys(state.fresh([record("z"), record("a"), record("m")])) == ["z", "a", "m"])
    }

    @Test func acceptMovesTheCursorForwardOnly() {
        var state = PollState(cursor: nil)
        state.accept(record("a", 5))
        #expect(state.cursor == 5)
        state.accept(record("b", 3))
        #expect(state.cursor == 5)
        state.accept(record("c", 7))
        #expect(state.cursor == 7)
        state.accept(record("d", nil))
        state.accept(record("e", .null))
        #expect(state.cursor == 7)
        state.accept(record("f", "2026-01-01T00:00:00Z"))
        #expect(state.cursor == 7, "a cursor of another type is not ordered with the current one")
        #expect(Array(state.seenKeys) == ["a", "b", "c", "d", "e", "f"])
    }

    @Test func acceptMovesISOCursorsForwardOnly() {
        var state = PollState(cursor: "2026-03-01T10:00:00Z")
        state.accept(record("old", "2026-02-28T10:00:00Z"))
        #expect(state.cursor == "2026-03-01T10:00:00Z")
        state.accept(record("new", "2026-03-01T10:00:00.250Z"))
        #expect(state.cursor == "2026-03-01T10:00:00.250Z")
        state.accept(record("same", "2026-03-01T10:00:00.25Z"))
        #expect(state.cursor == "2026-03-01T10:00:00.250Z", "the same time written otherwise")
    }

    @Test func acceptReplacesANullCursor() {
        var state = PollState(cursor: .null)
        state.accept(record("a", 1))
        #expect(state.cursor == 1)
    }

    @Test func acceptRemembersAtMostKeyLimitKeys() {
        var state = PollState(cursor: nil, keyLimit: 3)
        for key in ["a", "b", "c", "d", "e"] { state.accept(record(key)) }
        #expect(Array(state.seenKeys) == ["c", "d", "e"])
        #expect(keys(state.fresh([record("a"), record("b"), record("c"), record("e")])) == ["a", "b"])
    }

    @Test func initKeepsTheNewestKeysWithinTheLimit() {
        let state = PollState(cursor: 1, seenKeys: ["a", "b", "c", "d"], keyLimit: 2)
        #expect(Array(state.seenKeys) == ["c", "d"])
        #expect(state.keyLimit == 2)
    }

    @Test func jsonRoundTrips() {
        var state = PollState(cursor: nil, keyLimit: 50)
        state.accept(record("a", "2026-01-02T00:00:00Z"))
        state.accept(record("b", "2026-01-03T00:00:00Z"))
        #expect(state.json == ["seen": ["a", "b"], "cursor": "2026-01-03T00:00:00Z"])
        let restored = PollState(json: state.json, initialCursor: "2000-01-01T00:00:00Z", keyLimit: 50)
        #expect(restored == state)
        let reparsed = PollState(
            json: try? JSONParser().parse(state.json.serialized()), initialCursor: nil, keyLimit: 50)
        #expect(reparsed == state)
    }

    @Test func jsonLeavesOutAMissingCursor() {
        let state = PollState(cursor: nil, seenKeys: ["x"])
        #expect(state.json == ["seen": ["x"]])
    }

    @Test func theInitialCursorAppliesUntilOneIsSaved() {
        let fresh = PollState(json: nil, initialCursor: 100)
        #expect(fresh.cursor == 100)
        #expect(fresh.seenKeys.isEmpty)
        let savedWithoutCursor = PollState(json: ["seen": ["a"]], initialCursor: 100)
        #expect(savedWithoutCursor.cursor == 100)
        #expect(Array(savedWithoutCursor.seenKeys) == ["a"])
        let saved = PollState(json: ["seen": [], "cursor": 250], initialCursor: 100)
        #expect(saved.cursor == 250)
        let none = PollState(json: nil, initialCursor: nil)
        #expect(none.cursor == nil)
    }

    @Test func damagedSavedStateReadsAsEmpty() {
        let state = PollState(json: ["seen": [1, "b", .null]], initialCursor: nil)
        #expect(Array(state.seenKeys) == ["b"])
        let notAnObject = PollState(json: "garbage", initialCursor: 5)
        #expect(notAnObject.cursor == 5)
        #expect(notAnObject.seenKeys.isEmpty)
    }
}
