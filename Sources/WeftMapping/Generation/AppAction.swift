import WeftJSON
import WeftModel

/// One action of an app manifest, as the two ends of a generated flow name them (`shopify#list_orders`).
public struct AppAction: Sendable {
    /// The app the action belongs to.
    public var app: AppManifest
    /// The action's name in the app.
    public var name: String
    /// The action.
    public var action: Action

    /// The action `name` of `app`, or an error naming the app's actions.
    public init(app: AppManifest, name: String) throws(FlowGenerationError) {
        guard let action = app.actions[name] else {
            let known = app.actions.keys.joined(separator: ", ")
            throw FlowGenerationError(
                "the app `\(app.id)` has no action `\(name)`"
                    + (known.isEmpty ? " (it has no actions)" : "; its actions: \(known)"))
        }
        self.app = app
        self.name = name
        self.action = action
    }

    /// `app#action`, as written on the command line.
    public var label: String { "\(app.id)#\(name)" }

    /// `app/action`, as a flow refers to it.
    public var reference: String { "\(app.id)/\(name)" }

    /// Whether a call answers a list of records (the action has `records` or `paginate`) rather than one value;
    /// the output schema then describes one record.
    public var returnsRecords: Bool { action.records != nil || action.paginate != nil }

    /// The input or output schema, or an error when the action has none or refers to a schema the app lacks.
    public func schema(output: Bool) throws(FlowGenerationError) -> JSON {
        let side = output ? "output" : "input"
        guard let schema = output ? action.output : action.input else {
            throw FlowGenerationError("the action `\(label)` has no \(side) schema")
        }
        if let reference = schema["$ref"]?.stringValue, reference.hasPrefix("#/schemas/"),
            app.schemas[String(reference.dropFirst(10))] == nil
        {
            throw FlowGenerationError(
                "the \(side) of `\(label)` refers to `\(reference)`, which the app's schemas do not define")
        }
        return schema
    }

    /// The fields of the input or output schema (`$ref: "#/schemas/Name"` points into the app's `schemas:`),
    /// named after the schema's title or reference, or after the action.
    public func fields(output: Bool, maxDepth: Int? = nil) throws(FlowGenerationError) -> SchemaFields {
        let schema = try schema(output: output)
        let fields = SchemaFields(
            schema: schema, maxDepth: maxDepth, referenceRoot: ["schemas": .object(app.schemas)])
        return fields.recordName == nil ? SchemaFields(recordName: name, fields: fields.fields) : fields
    }
}
