import WeftJSON
import WeftRuntime
import WeftStore

/// The trigger state of one stored flow (a schedule's last fire, a poll's cursor and seen keys, a file trigger's
/// marks), kept in the store beside the flow: it survives restarts, and every server process sharing the store
/// resumes from the same place.
struct StoredTriggerState: TriggerStateStore {
    /// The organization the flow belongs to.
    let tenant: any TenantStore
    /// The flow whose state this is.
    let flowID: StoreID

    func load() async throws -> JSON? {
        try await tenant.triggerState(flowID: flowID)
    }

    func save(_ state: JSON) async throws {
        try await tenant.saveTriggerState(flowID: flowID, state: state)
    }
}
