import Foundation
import WeftJSON
import WeftModel

/// The result of one successful attempt of a step.
enum StepResult: Sendable {
    /// The step produced `output` from `input`.
    case output(JSON, input: JSON?)
    /// A filter that did not hold.
    case filtered(input: JSON?)
    /// A nested step stopped the run.
    case stopped(Stop)
}

extension RunInvocation {
    /// Runs a step with its retries and error handling, recording it.
    func runStep(_ step: Step, path: String, scope: inout Scope, records: inout [StepRecord]) async -> Stop? {
        let started = clock.now()
        let schedule = RetrySchedule(policy: step.retry ?? Self.noRetry, seed: "\(request.runId):\(path)")
        var attempt = 0
        var failure: StepFailure
        while true {
            if Task.isCancelled {
                return cancel(step, path: path, attempts: attempt, started: started, scope: scope, records: &records)
            }
            attempt += 1
            journal.stepStarted(path: path, kind: step.kind.name, attempt: attempt)
            var nested: [StepRecord] = []
            do throws(StepFailure) {
                let result = try await attemptStep(step, path: path, attempt: attempt, scope: &scope, records: &nested)
                records += nested
                var record = StepRecord(
                    path: path, stepId: step.id, kind: step.kind.name, state: .succeeded, attempts: attempt,
                    startedAt: started, finishedAt: clock.now(), input: nil, output: nil, error: nil)
                switch result {
                case .output(let output, let input):
                    record.input = input
                    record.output = output
                    scope.message = output
                    scope.outputs[step.id] = output
                    finish(record, into: &records)
                    return nil
                case .filtered(let input):
                    record.state = .filtered
                    record.input = input
                    finish(record, into: &records)
                    return .filtered(path: path)
                case .stopped(let stop):
                    record.state = .failed
                    if case .filtered = stop { record.state = .filtered }
                    finish(record, into: &records)
                    return stop
                }
            } catch {
                records += nested
                failure = error
            }
            // An attempt that failed because (or while) the run was cancelled is neither retried nor handled.
            if Task.isCancelled {
                return cancel(step, path: path, attempts: attempt, started: started, scope: scope, records: &records)
            }
            guard let delay = schedule.delay(after: attempt, failure: failure) else { break }
            journal.log(
                LogEntry(
                    .warning, "attempt \(attempt) failed, retrying in \(DurationText.format(delay))", stepPath: path,
                    fields: ["error": .string(failure.description)]))
            do {
                try await clock.sleep(for: delay)
            } catch {
                return cancel(step, path: path, attempts: attempt, started: started, scope: scope, records: &records)
            }
        }
        return await handleFailure(
            failure, of: step, path: path, attempts: attempt, started: started, scope: &scope, records: &records)
    }

    private func handleFailure(
        _ failure: StepFailure, of step: Step, path: String, attempts: Int, started: Date, scope: inout Scope,
        records: inout [StepRecord]
    ) async -> Stop? {
        var record = StepRecord(
            path: path, stepId: step.id, kind: step.kind.name, state: .failed, attempts: attempts, startedAt: started,
            finishedAt: clock.now(), input: scope.message, output: nil, error: failure)
        journal.log(LogEntry(.error, "step failed: \(failure)", stepPath: path))
        var details: JSONObject = [
            "kind": .string(failure.kind.rawValue), "message": .string(failure.message), "step": .string(step.id),
        ]
        if let status = failure.status { details["status"] = .number(Double(status)) }
        let errorValue: JSON = ["error": .object(details)]
        switch step.onError {
        case .fail:
            finish(record, into: &records)
            return .failed(failure, path: path)
        case .deadLetter:
            finish(record, into: &records)
            return .dead(failure, path: path)
        case .continue:
            record.state = .recovered
            record.output = errorValue
            finish(record, into: &records)
            scope.message = errorValue
            scope.outputs[step.id] = errorValue
            return nil
        case .steps(let handlers):
            record.state = .recovered
            finish(record, into: &records)
            var handlerScope = scope
            handlerScope.message = errorValue
            if let stop = await runSteps(handlers, scope: &handlerScope, prefix: "\(path).on_error", records: &records)
            {
                return stop
            }
            scope.outputs = handlerScope.outputs
            scope.message = handlerScope.message
            scope.outputs[step.id] = handlerScope.message
            return nil
        }
    }

    /// Stops the run at `step` because its task was cancelled: the step is recorded as failed, whatever its
    /// `on_error` says.
    private func cancel(
        _ step: Step, path: String, attempts: Int, started: Date, scope: Scope, records: inout [StepRecord]
    ) -> Stop {
        let failure = StepFailure(.cancelled, "the run was cancelled")
        let record = StepRecord(
            path: path, stepId: step.id, kind: step.kind.name, state: .failed, attempts: attempts, startedAt: started,
            finishedAt: clock.now(), input: scope.message, output: nil, error: failure)
        journal.log(LogEntry(.warning, "run cancelled", stepPath: path))
        finish(record, into: &records)
        return .cancelled(failure, path: path)
    }

    private func finish(_ record: StepRecord, into records: inout [StepRecord]) {
        records.append(record)
        journal.stepFinished(record)
    }

    static var noRetry: RetryPolicy {
        var policy = RetryPolicy()
        policy.attempts = 1
        return policy
    }
}
