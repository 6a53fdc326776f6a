import Collections
import WeftJSON

/// A flow: a trigger and the steps each message goes through.
public struct Flow: Sendable {
    /// The format version, `weft: 1`.
    public var formatVersion = 1
    public var id = ""
    public var name: String?
    public var description: String?
    /// Values available as `$vars`.
    public var variables: OrderedDictionary<String, JSON> = [:]
    /// The connections the flow uses, by name, with the app each is for.
    public var connections: OrderedDictionary<String, String> = [:]
    public var trigger = Trigger.manual
    public var steps: [Step] = []
    public var tests: [FlowTest] = []
    /// The file the flow was read from.
    public var file = ""

    /// An empty flow.
    public init() {}

    static var objectSpec: ObjectSpec<Flow> {
        ObjectSpec(
            "Flow", description: "A Weft flow: a trigger and the steps each message goes through.", initial: Flow.init,
            fields: [
                .field(
                    "weft", \.formatVersion, .formatVersion, required: true, "The format version: 1."),
                .field("flow", \.id, .identifier, required: true, "The flow's name."),
                .field("name", \.name, .string(), "A human title."),
                .field("description", \.description, .string(), "What the flow does, for its documentation."),
                .field("vars", \.variables, .map(of: .json, key: .identifier), "Variables, available as `$vars`."),
                .field(
                    "connections", \.connections, .map(of: .identifier, key: .identifier),
                    "The connections the flow uses, by name, each with its app."),
                .field("trigger", \.trigger, Trigger.spec, "Where messages come from; `manual` by default."),
                .field("steps", \.steps, .array(of: Step.spec, minimum: 1), required: true, "The steps, in order."),
                .field("tests", \.tests, .array(of: FlowTest.spec), "Tests that `weft test` runs."),
            ])
    }

    /// The spec of a flow file.
    public static var spec: Spec<Flow> { objectSpec.spec }

    /// The flow format's JSON Schema.
    public static var jsonSchema: JSON {
        SchemaBuilder.document(
            for: spec, id: "https://weft.dev/schemas/flow.schema.json", title: "Weft flow",
            description: "A Weft flow file (`weft: 1`): a trigger and the steps each message goes through.")
    }
}
