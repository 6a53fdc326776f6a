extension FlowDocumentation {
    /// A retry policy in words: "up to 5 attempts, exponential backoff from 1s to 1m with jitter, honouring
    /// Retry-After".
    public static func describe(_ retry: RetryPolicy) -> String {
        if retry.attempts <= 1 { return "no retries (a single attempt)" }
        var text = "up to \(retry.attempts) attempts, "
        switch retry.backoff {
        case .exponential:
            text +=
                "exponential backoff from \(DurationText.format(retry.initial)) to \(DurationText.format(retry.maximum))"
            if retry.multiplier != 2 { text += " (× \(Self.number(retry.multiplier)) each time)" }
        case .fixed:
            text += "\(DurationText.format(retry.initial)) apart"
        case .none:
            text += "one right after another"
        }
        if retry.jitter && retry.backoff != .none { text += " with jitter" }
        if retry.respectRetryAfter { text += ", honouring Retry-After" }
        if !retry.statusCodes.isEmpty {
            text += ", on HTTP status " + CronReading.list(retry.statusCodes.map(String.init))
        }
        return text
    }

    /// The retry policy in a few words, for the summary table.
    static func shortRetry(_ retry: RetryPolicy) -> String {
        if retry.attempts <= 1 { return "none" }
        switch retry.backoff {
        case .exponential:
            return "\(retry.attempts) attempts, exponential \(DurationText.format(retry.initial))–"
                + DurationText.format(retry.maximum)
        case .fixed: return "\(retry.attempts) attempts, every \(DurationText.format(retry.initial))"
        case .none: return "\(retry.attempts) attempts, no wait"
        }
    }

    /// Error handling in words: "on failure the run becomes a dead letter, ...".
    public static func describe(_ handling: ErrorHandling) -> String {
        errorProse(handling).plain
    }

    /// Error handling in words, with step ids as code.
    static func errorProse(_ handling: ErrorHandling) -> Prose {
        switch handling {
        case .fail: return "on failure the run fails"
        case .continue: return "on failure the error becomes the step's output and the run continues"
        case .deadLetter:
            return "on failure the run becomes a dead letter, kept for inspection, correction and replay"
        case .steps(let steps) where steps.isEmpty:
            return errorProse(.continue)
        case .steps(let steps):
            let names = Prose.list(steps.map { "\(code: $0.id)" })
            let handler: Prose = steps.count == 1 ? "the step \(names) runs" : "the steps \(names) run"
            return "on failure \(handler) in its place, with the error as the message; the step is then recovered, "
                + "with the handler's output as its output, and the run goes on after it (a handler step that fails "
                + "is handled by its own error handling)"
        }
    }

    /// The retry policy that applies to a step: its own, otherwise its action's or app's, with where it is from.
    func effectiveRetry(_ step: Step) -> (policy: RetryPolicy, source: String)? {
        if let retry = step.retry { return (retry, "step") }
        if case .action(let reference) = step.kind {
            if let retry = action(reference)?.retry { return (retry, "action") }
            if let retry = apps[reference.app]?.retry { return (retry, "app") }
        }
        return nil
    }

    /// The reliability paragraph of a step.
    func reliability(_ step: Step) -> Prose {
        var parts: [Prose] = []
        if let (policy, source) = effectiveRetry(step) {
            let origin = source == "step" ? "" : " (the \(source)'s rules, per request)"
            parts.append("retries: \(Self.describe(policy))\(origin)")
        } else {
            parts.append("retries: none")
        }
        parts.append(Self.errorProse(step.onError))
        if let timeout = step.timeout {
            parts.append("each attempt may take at most \(DurationText.format(timeout))")
        } else {
            parts.append("no timeout of its own")
        }
        return "\(strong: "Reliability:") " + Prose.joined(parts, separator: "; ") + "."
    }

    func reliabilityBlocks() -> [DocumentBlock] {
        let rows = entries.map { entry -> [Prose] in
            let step = entry.step
            let retries: String
            if let (policy, source) = effectiveRetry(step) {
                retries = (source == "step" ? "" : "\(source): ") + Self.shortRetry(policy)
            } else {
                retries = "none"
            }
            let onError: Prose
            switch step.onError {
            case .fail: onError = "fail"
            case .continue: onError = "continue"
            case .deadLetter: onError = "dead letter"
            case .steps(let steps) where steps.isEmpty: onError = "continue"
            case .steps(let steps):
                onError = "run " + Prose.list(steps.map { "\(code: $0.id)" }) + ", then continue"
            }
            return [
                "\(entry.number). \(code: step.id)", "\(retries)", onError,
                "\(step.timeout.map { DurationText.format($0) } ?? "none")",
            ]
        }
        return [
            .heading(level: 2, text: "Error handling and retries", anchor: "errors"),
            .paragraph(
                "Steps run at least once and are checkpointed: a retried run resumes at the failed step. "
                    + "HTTP requests carry the idempotency key \(code: "<run id>:<step id>")."),
            .table(header: ["Step", "Retries", "On error", "Timeout"], rows: rows),
        ]
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
