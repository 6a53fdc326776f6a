import Foundation
import WeftJSON
import WeftModel
import WeftRuntime

extension AppClient {
    /// Sends one request of an action, retrying as the action's (or else the app's) retry policy allows; a
    /// non-2xx answer becomes an `.httpStatus` failure. Each retry is logged to the journal.
    func exchange(_ request: HTTPRequest, action: Action, context: EffectContext) async throws(StepFailure)
        -> HTTPResponse
    {
        let policy = action.retry ?? app.retry
        let schedule = policy.map { RetrySchedule(policy: $0, seed: "\(context.idempotencyKey)#\(context.attempt)") }
        var attempt = 1
        while true {
            let failure: StepFailure
            do throws(StepFailure) {
                let response = try await sendAuthorized(request, context: context)
                if (200..<300).contains(response.status) { return response }
                failure = await statusFailure(request, response)
            } catch {
                failure = await redactor().mask(error)
            }
            guard let schedule, let wait = schedule.delay(after: attempt, failure: failure) else { throw failure }
            if context.cannotWait(wait, now: clock.now()) {
                var last = failure
                last.message += " (no time left for another attempt within the step's timeout)"
                throw last
            }
            let attempts = schedule.policy.attempts
            let reason = failure.status.map { "HTTP \($0)" } ?? failure.kind.rawValue
            var fields: JSONObject = [
                "attempt": .number(Double(attempt + 1)), "attempts": .number(Double(attempts)),
                "wait_ms": .number(DurationText.seconds(wait) * 1000), "reason": .string(reason),
            ]
            if let status = failure.status { fields["status"] = .number(Double(status)) }
            context.journal.log(
                LogEntry(
                    .warning,
                    "\(await describe(request)) failed (\(failure.message)); retrying in "
                        + "\(DurationText.describe(wait)) (attempt \(attempt + 1) of \(attempts))",
                    stepPath: context.stepPath, fields: fields))
            do {
                try await clock.sleep(for: wait)
            } catch {
                throw failure
            }
            attempt += 1
        }
    }

    /// The failure for a non-2xx answer: method, masked URL, status and a short, masked excerpt of the body.
    func statusFailure(_ request: HTTPRequest, _ response: HTTPResponse) async -> StepFailure {
        let redactor = await redactor()
        var message = "\(request.method.rawValue) \(redactor.mask(url: request.url)) answered HTTP \(response.status)"
        let excerpt = Self.excerpt(response.body, redactor: redactor)
        if !excerpt.isEmpty { message += ": \(excerpt)" }
        return StepFailure(
            .httpStatus, message, status: response.status,
            retryAfter: RetryAfter.parse(response.header("Retry-After"), now: clock.now()))
    }

    /// The first characters of a body on one line, secrets masked.
    static func excerpt(_ body: [UInt8], redactor: Redactor, limit: Int = 300) -> String {
        guard !body.isEmpty else { return "" }
        // Mask the whole text first, so that a secret cut by the limit is still masked.
        let text = redactor.mask(String(decoding: body.prefix(limit * 4 + 1024), as: UTF8.self))
        var line = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        while line.contains("  ") { line = line.replacing("  ", with: " ") }
        line = line.trimmingCharacters(in: .whitespaces)
        return line.count > limit ? String(line.prefix(limit)) + "…" : line
    }
}
