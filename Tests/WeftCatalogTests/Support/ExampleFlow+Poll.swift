import Foundation
import Testing
import WeftCatalog
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

extension ExampleFlow {
    /// Calls the flow's `poll:` trigger once, as `weft run --serve` would on its first tick (through the example's
    /// connections, real HTTP and `clock` for retry waits), and returns the messages it delivers, in order.
    func pollOnce(transport: AsyncHTTPTransport, clock: ManualClock) async throws -> [JSON] {
        guard case .poll(let trigger) = flow.trigger else {
            throw ExampleFailure(message: "`\(flow.id)` has no poll trigger")
        }
        let actions = LocalActions(
            apps: BuiltInCatalog.entries.mapValues(\.manifest), connections: connections.connections,
            pool: AppClientPool(transport: transport, clock: clock))
        let source = PollSource(
            flowId: flow.id, trigger: trigger, effects: LocalEffects(actions: actions, transport: transport),
            clock: StoppingClock(stopAfter: 1), state: MemoryTriggerState())
        let delivered = Shared<[JSON]>([])
        let notices = Shared<[String]>([])
        // The stopping clock cancels the task that sleeps on it: a task of its own, not the test's.
        try await Task {
            try await source.run(
                deliver: { delivery in
                    delivered.update { $0.append(delivery.message) }
                    return .accepted
                },
                report: { notice in notices.update { $0.append(notice.description) } })
        }.value
        guard notices.value.isEmpty else { throw ExampleFailure(message: "the poll reported: \(notices.value)") }
        return delivered.value
    }
}
