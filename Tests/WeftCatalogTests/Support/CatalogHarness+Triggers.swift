import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

extension CatalogHarness {
    /// Runs the app trigger `name` of the built-in app `id` (a poll) against the simulator for `polls` calls,
    /// with `between(n)` run after the `n`-th call (to change the simulator's data), and returns the messages
    /// delivered, in order.
    func poll(
        _ id: String, trigger name: String, connection fields: [String: JSON], polls: Int,
        initialCursor: JSON? = nil, between: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> [JSON] {
        let app = try Self.app(id)
        guard case .poll(var trigger)? = app.triggers[name]?.trigger else {
            Issue.record("`\(id)` has no poll trigger `\(name)`")
            return []
        }
        if let initialCursor { trigger.cursor?.initial = initialCursor }
        let actions = LocalActions(
            apps: [id: app], connections: ["\(id)-test": ConnectionValues(name: "\(id)-test", app: id, fields: fields)],
            pool: AppClientPool(transport: transport, clock: clock))
        let effects = LocalEffects(actions: actions, transport: transport)
        let source = PollSource(
            flowId: "catalog-\(name)", trigger: trigger, effects: effects,
            clock: StoppingClock(stopAfter: polls, onSleep: between), state: MemoryTriggerState())
        let delivered = Shared<[JSON]>([])
        let notices = Shared<[String]>([])
        try await source.run(
            deliver: { delivery in
                delivered.update { $0.append(delivery.message) }
                return .accepted
            },
            report: { notice in notices.update { $0.append(notice.description) } })
        #expect(notices.value.isEmpty, "the poll reported: \(notices.value)")
        return delivered.value
    }
}
