import WeftModel

/// Writes a flow that carries the records of one app action into another: the source action read by a poll
/// trigger, a webhook or a first step; the mapping suggested between the source's output and the target's
/// input written as the target step's `input:`; the target action called.
///
/// Accepted suggestions (confidence of 0.80 or more) are live mapping, each with its confidence and reasons in
/// a comment; suggestions for review are commented-out lines in place, marked `review`, to uncomment or delete;
/// required target fields that nothing was suggested for are marked to be mapped by hand. The step's
/// `suggestions:` records each suggestion's expression and confidence, which `weft docs` compares with the
/// mapping to tell suggested fields from fields written by hand.
///
/// ```swift
/// let source = try AppAction(app: shopify, name: "list_orders")
/// let target = try AppAction(app: netsuite, name: "create_sales_order")
/// let flow = try FlowGenerator(source: source, target: target, trigger: .poll).generate()
/// try flow.text.write(toFile: "orders.flow.yaml", atomically: true, encoding: .utf8)
/// ```
public struct FlowGenerator: Sendable {
    /// Where the records come from.
    public var source: AppAction
    /// Where they go.
    public var target: AppAction
    /// How the flow receives the source's records.
    public var trigger: GenerationTrigger
    /// The flow's id; by default made of the two apps and actions.
    public var flowId: String?

    /// A generator for a flow from `source` to `target`.
    public init(source: AppAction, target: AppAction, trigger: GenerationTrigger, flowId: String? = nil) {
        self.source = source
        self.target = target
        self.trigger = trigger
        self.flowId = flowId
    }

    /// The flow's id when none is given: `shopify-list_orders-to-netsuite-create_sales_order`.
    public var defaultFlowId: String {
        "\(source.app.id)-\(source.name)-to-\(target.app.id)-\(target.name)"
    }

    /// Suggests the mapping and writes the flow; fails when an action lacks the schema it needs (the source's
    /// output, the target's input) or when `flowId` is not a valid flow id.
    public func generate() throws(FlowGenerationError) -> GeneratedFlow {
        let id = flowId ?? defaultFlowId
        guard Identifier.isValid(id) else {
            throw FlowGenerationError(
                "`\(id)` is not a valid flow id: lowercase letters, digits, `-` and `_`, starting with a letter")
        }
        let sourceFields = try source.fields(output: true)
        let targetFields = try target.fields(output: false)
        let suggestions = DeterministicSuggester().suggestions(from: sourceFields, to: targetFields)
        let tree = MappingTree(source: sourceFields, target: targetFields, suggestions: suggestions)
        let writer = FlowTextWriter(generator: self, flowId: id, tree: tree, suggestions: suggestions)
        return GeneratedFlow(
            text: writer.text(), flowId: id, suggestions: suggestions, unmatchedRequired: tree.missing)
    }
}
