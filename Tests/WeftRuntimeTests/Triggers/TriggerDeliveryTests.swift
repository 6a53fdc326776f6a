import Testing

@testable import WeftRuntime

/// `TriggerDelivery` and its outcome: a delivery keeps what it was made with, its key optional.
@Suite struct TriggerDeliveryTests {
    @Test func keepsItsParts() {
        let delivery = TriggerDelivery(message: ["id": 1], event: ["type": "poll"], key: "poll:1")
        #expect(delivery.message == ["id": 1])
        #expect(delivery.event == ["type": "poll"])
        #expect(delivery.key == "poll:1")
        #expect(TriggerDelivery(message: .null, event: .null).key == nil)
        #expect(DeliveryOutcome.accepted != .refused)
    }
}
