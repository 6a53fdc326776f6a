/// What happens when a step fails after its retries.
public indirect enum ErrorHandling: Sendable {
    /// The run fails.
    case fail
    /// The step's output is the error, and the run goes on.
    case `continue`
    /// The run becomes a dead letter, to inspect, edit and replay.
    case deadLetter
    /// These steps run (with the error as their message), then the run ends as failed unless they recover.
    case steps([Step])

    /// The spec of an `on_error:` value.
    public static var spec: Spec<ErrorHandling> {
        .either(
            string: Spec<String>.string(
                check: { ["fail", "continue", "dead_letter"].contains($0) ? nil : "`\($0)` is not an error handling" },
                hint: "use `fail`, `continue`, `dead_letter`, or a mapping `{ steps: [...] }`"
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
