import Foundation
import Synchronization
import WeftModel
import WeftRuntime

/// A transport that sends through another and keeps every exchange, token requests and retries included: how
/// an action tried by hand shows what went over the wire.
public final class RecordingTransport: HTTPTransport {
    /// One request and what came of it.
    public struct Exchange: Sendable {
        public var request: HTTPRequest
        /// The response, when one came.
        public var response: HTTPResponse?
        /// Why no response came.
        public var failure: StepFailure?
        public var milliseconds: Double
    }

    private let base: any HTTPTransport
    private let recorded = Mutex<[Exchange]>([])

    /// Records what `base` sends.
    public init(_ base: any HTTPTransport) {
        self.base = base
    }

    /// The exchanges so far, in the order they finished.
    public var exchanges: [Exchange] { recorded.withLock { $0 } }

    public func perform(_ request: HTTPRequest, timeout: Duration?) async throws(StepFailure) -> HTTPResponse {
        let started = ContinuousClock.now
        func elapsed() -> Double { DurationText.seconds(ContinuousClock.now - started) * 1000 }
        do throws(StepFailure) {
            let response = try await base.perform(request, timeout: timeout)
            let exchange = Exchange(request: request, response: response, failure: nil, milliseconds: elapsed())
            recorded.withLock { $0.append(exchange) }
            return response
        } catch {
            let exchange = Exchange(request: request, response: nil, failure: error, milliseconds: elapsed())
            recorded.withLock { $0.append(exchange) }
            throw error
        }
    }
}
