import WeftJSON
import WeftModel

/// How a generated flow polls its source action: the app's own poll trigger for that action when it declares
/// one, otherwise a cursor read from the action's input and output (a record's change time passed back as the
/// input that filters by it) and a de-duplication key.
struct PollPlan: Sendable {
    /// The interval between calls, as written (`5m`).
    var every: String
    /// The `input:` of the trigger, as a YAML flow value, when the app's trigger has one.
    var input: String?
    /// The expression giving a record's cursor value, and the input receiving it on the next call.
    var cursor: (field: String, parameter: String, initial: JSON?)?
    /// The expression giving a record's identity.
    var key: String?
    /// Where the plan comes from, in words, for a comment next to the trigger.
    var note: String

    /// The plan for polling `source`.
    init(source: AppAction) {
        if let declared = Self.declared(source) {
            self = declared
            return
        }
        every = "5m"
        input = nil
        let output = (try? source.fields(output: true, maxDepth: 0))?.fields ?? []
        let input = (try? source.fields(output: false, maxDepth: 0))?.fields ?? []
        let identity = output.first { $0.name == "id" } ?? output.first { $0.name.lowercased() == "id" }
        if let field = Self.changeField(output), let parameter = Self.cursorParameter(input, for: field) {
            cursor = (Self.path(field.name), parameter.name, nil)
            key = identity.map { "$string(\(Self.path($0.name))) & \"@\" & \(Self.path(field.name))" }
            note =
                "the largest `\(field.name)` seen is passed as `\(parameter.name)` on the next call, so only records "
                + "changed since are read; a record is new when its id and `\(field.name)` are"
        } else {
            cursor = nil
            key = identity.map { Self.path($0.name) }
            note =
                "no cursor: the action shows no time of change together with an input that filters by it, so each "
                + "call reads every record and only ids not seen before start runs"
        }
    }

    /// The app's poll trigger that calls the action, if any.
    private static func declared(_ source: AppAction) -> PollPlan? {
        for (name, declared) in source.app.triggers {
            guard case .poll(let poll) = declared.trigger, poll.action.app == source.app.id,
                poll.action.action == source.name
            else { continue }
            var plan = PollPlan(
                every: DurationText.format(poll.every), input: poll.input.map(FlowYAML.flowValue),
                cursor: nil, key: poll.key?.source, note: "as the app's own trigger `\(name)` polls it")
            if let cursor = poll.cursor, let field = cursor.field {
                plan.cursor = (field.source, cursor.parameter, cursor.initial)
            }
            return plan
        }
        return nil
    }

    private init(
        every: String, input: String?, cursor: (field: String, parameter: String, initial: JSON?)?, key: String?,
        note: String
    ) {
        self.every = every
        self.input = input
        self.cursor = cursor
        self.key = key
        self.note = note
    }

    /// A top-level text field holding when a record last changed (`updated_at`, `lastModifiedDate`), or else
    /// when it was created.
    static func changeField(_ fields: [SchemaField]) -> SchemaField? {
        let candidates = fields.filter { $0.type.isScalar && !$0.type.isNumeric && !$0.type.names.contains("boolean") }
        for stems in [["updated", "modified", "changed"], ["created"]] {
            if let field = candidates.first(where: { field in
                let name = field.name.lowercased()
                return stems.contains { name.contains($0) } && isTime(field)
            }) {
                return field
            }
        }
        return nil
    }

    /// Whether a field reads as a time: a date format, or a name ending in a time word.
    private static func isTime(_ field: SchemaField) -> Bool {
        if let format = field.type.format, format.hasPrefix("date") { return true }
        let words = WordSplitter.words(ofIdentifier: field.name)
        let last = words.last ?? ""
        return ["at", "date", "time", "on", "timestamp", "datetime"].contains(last)
            || field.name.lowercased().hasSuffix("date") || field.name.lowercased().hasSuffix("time")
    }

    /// The input that filters by the change field: one named after it with a lower bound (`updated_at_min`,
    /// `modifiedSince`), or a plain `since`-like input.
    static func cursorParameter(_ inputs: [SchemaField], for field: SchemaField) -> SchemaField? {
        let bounds = ["min", "since", "after", "from", "start", "gte", "or after"]
        let fieldWords = WordSplitter.words(ofIdentifier: field.name).filter { !["at", "on"].contains($0) }
        let candidates = inputs.filter { $0.type.isScalar && !$0.type.isNumeric }
        let named = candidates.first { input in
            let words = WordSplitter.words(ofIdentifier: input.name)
            let text = words.joined(separator: " ")
            return fieldWords.allSatisfy { words.contains($0) } && bounds.contains { text.contains($0) }
        }
        if let named { return named }
        return candidates.first { input in
            let words = WordSplitter.words(ofIdentifier: input.name)
            return words.contains("since") || words == ["from"] || words == ["after"]
                || (words.contains("modified") || words.contains("updated") || words.contains("changed"))
                    && bounds.contains { words.contains($0) }
        }
    }

    /// A field name as a JSONata path step.
    static func path(_ name: String) -> String {
        FlowYAML.jsonataName(name)
    }
}
