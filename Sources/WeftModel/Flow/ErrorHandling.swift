/// What happens when a step fails after its retries.
public indirect enum ErrorHandling: Sendable {
    /// The run fails.
    case fail
    /// The step's output is the error, and the run goes on.
    case `continue`
    /// The run becomes a dead letter, to inspect, edit and replay.
    case deadLetter
    /// These steps run in the failed step's place, with `{ error: { kind, message, step } }` as their message,
    /// like a catch block: the step is recovered, their last output becomes its output and the run goes on. A
    /// handler step that fails is handled by its own `on_error`.
    case steps([Step])

    /// The spec of an `on_error:` value.
    public static var spec: Spec<ErrorHandling> {
        .either(
            string: Spec<String>(
                schema: { _ in ["type": "string", "enum": ["fail", "continue", "dead_letter"]] },
                read: { value, reader in
                    let choices = ["fail", "continue", "dead_letter"]
                    guard let text = value.string, choices.contains(text) else {
                        reader.error(
                            "invalid-value", "`\(value.string ?? value.json.serialized())` is not an error handling",
                            at: value.location,
                            hint: Suggestion.closest(to: value.string ?? "", among: choices).map {
                                "did you mean `\($0)`?"
                            }
                                ?? "use `fail`, `continue`, `dead_letter`, or a mapping `{ steps: [...] }`")
                        return nil
                    }
                    return text
                }
            ).map { name -> ErrorHandling in
                switch name {
                case "continue": return .continue
                case "dead_letter": return .deadLetter
                default: return .fail
                }
            },
            object: ObjectSpec<[Step]>(
                "ErrorSteps", description: "Steps to run when a step fails.", initial: { [] },
                fields: [
                    .field("steps", \.self, .array(of: .lazy { Step.spec }, minimum: 1), required: true, "The steps.")
                ]
            ).spec.map(ErrorHandling.steps),
            expected: "`fail`, `continue`, `dead_letter` or `{ steps: [...] }`")
    }
}
