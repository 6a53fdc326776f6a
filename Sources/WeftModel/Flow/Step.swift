import Collections

/// One step of a flow: what it does (its kind) and how failures are handled.
public struct Step: Sendable {
    public var id = ""
    public var name: String?
    public var description: String?
    /// What the step does (a step without a kind key is reported and never run).
    public var kind = StepKind.delay(.zero)
    /// For `action` steps: the connection to call the app with.
    public var connection: String?
    /// For `action` steps: the action's input.
    public var input: ValueTemplate?
    public var retry: RetryPolicy?
    public var timeout: Duration?
    public var onError = ErrorHandling.fail
    /// Mapping suggestions made for the step's fields (by `weft generate`), by target path such as
    /// `item.items[].quantity`: what documentation reads to tell suggested fields from fields written by hand.
    public var suggestions: OrderedDictionary<String, FieldSuggestion> = [:]
    /// Where the step is written.
    public var location = SourceLocation(file: "", line: 1, column: 1)
    /// Where each of the step's values is written, by key (`connection`, `action`, ...).
    public var keyLocations: [String: SourceLocation] = [:]

    /// An empty step.
    public init() {}

    static var objectSpec: ObjectSpec<Step> {
        ObjectSpec(
            "Step",
            description: "One step of a flow. Exactly one of the kind keys says what the step does.",
            initial: Step.init,
            fields: [
                .field(
                    "id", \.id, .identifier, required: true,
                    "A name unique within the flow; `$steps.<id>` is its output."),
                .field("name", \.name, .string(), "A short human title, for documentation."),
                .field("description", \.description, .string(), "What the step is for, for documentation."),
                .field("connection", \.connection, .identifier, "For `action`: the connection to use."),
                .field(
                    "input", \.input, .valueTemplate,
                    "For `action`: the input, an expression or a structure of expressions."),
                .field("retry", \.retry, RetryPolicy.spec, "How the step is retried when it fails."),
                .field("timeout", \.timeout, .duration, "How long one attempt may take."),
                .field(
                    "on_error", \.onError, ErrorHandling.spec,
                    "After the retries: `fail` (default), `continue`, `dead_letter`, or `{ steps: [...] }`."),
                .field(
                    "suggestions", \.suggestions, .map(of: FieldSuggestion.spec),
                    "The mapping suggestions made for the step's fields, by target path (written by `weft generate`): "
                        + "documentation shows a field as suggested while its expression is the one recorded."),
            ],
            variants: [
                .variant("action", \.kind, ActionReference.spec, "Call an app's action, such as `shopify/list_orders`.")
                {
                    .action($0)
                },
                .variant("http", \.kind, HTTPStep.spec, "Send an HTTP request.") { .http($0) },
                .variant("map", \.kind, .expression, "Transform the message with a JSONata expression.") { .map($0) },
                .variant("filter", \.kind, .expression, "Stop the run (as `filtered`) unless the condition holds.") {
                    .filter($0)
                },
                .variant("switch", \.kind, SwitchStep.spec, "Run the steps of the first case whose condition holds.") {
                    .switch($0)
                },
                .variant("foreach", \.kind, ForeachStep.spec, "Run steps for each item of a list.") { .foreach($0) },
                .variant("parallel", \.kind, ParallelStep.spec, "Run branches at the same time and join them.") {
                    .parallel($0)
                },
                .variant("convert", \.kind, ConvertStep.spec, "Convert between JSON, XML and CSV.") { .convert($0) },
                .variant("delay", \.kind, .duration, "Wait, such as `30s`.") { .delay($0) },
                .variant("file", \.kind, FileOutputStep.spec, "Write the message to a file.") { .file($0) },
            ],
            check: { step, value, reader in
                let isAction: Bool
                if case .action = step.kind { isAction = true } else { isAction = false }
                if !isAction && !value.members.contains(where: { $0.key == "action" }) {
                    for key in ["connection", "input"] {
                        if let member = value.members.first(where: { $0.key == key }) {
                            reader.error(
                                "misplaced-key", "`\(key)` only applies to `action` steps", at: member.keyLocation)
                        }
                    }
                }
            })
    }

    /// The spec of a step, with its location recorded.
    public static var spec: Spec<Step> {
        let object = objectSpec.spec
        return Spec(schema: object.schema) { value, reader in
            guard var step = object.read(value, &reader) else { return nil }
            step.location = value.location
            for member in value.members { step.keyLocations[member.key] = member.value.location }
            return step
        }
    }
}

/// What a step does.
public indirect enum StepKind: Sendable {
    case action(ActionReference)
    case http(HTTPStep)
    case map(WeftExpression)
    case filter(WeftExpression)
    case `switch`(SwitchStep)
    case foreach(ForeachStep)
    case parallel(ParallelStep)
    case convert(ConvertStep)
    case delay(Duration)
    case file(FileOutputStep)

    /// The kind's key in the file.
    public var name: String {
        switch self {
        case .action: return "action"
        case .http: return "http"
        case .map: return "map"
        case .filter: return "filter"
        case .switch: return "switch"
        case .foreach: return "foreach"
        case .parallel: return "parallel"
        case .convert: return "convert"
        case .delay: return "delay"
        case .file: return "file"
        }
    }

    /// Steps nested inside (switch cases, foreach bodies, parallel branches), flattened.
    public var nestedSteps: [[Step]] {
        switch self {
        case .switch(let step): return step.cases.map(\.steps) + [step.otherwise]
        case .foreach(let step): return [step.steps]
        case .parallel(let step): return step.branches.map(\.steps)
        default: return []
        }
    }
}
