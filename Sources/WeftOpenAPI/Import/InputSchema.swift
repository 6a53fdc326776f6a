import WeftJSON

/// The input schema of an action being built: one property per parameter or form field, by name.
struct InputSchema {
    private(set) var properties = JSONObject()
    private(set) var required: [String] = []

    /// Adds a property named `name`, or `prefix_name` when `name` is taken; returns the name used.
    mutating func add(_ name: String, schema: JSON, required isRequired: Bool, prefix: String) -> String {
        var chosen = name
        if properties[chosen] != nil {
            chosen = "\(prefix)_\(name)"
            var counter = 2
            while properties[chosen] != nil {
                chosen = "\(prefix)_\(name)_\(counter)"
                counter += 1
            }
        }
        properties[chosen] = schema
        if isRequired { required.append(chosen) }
        return chosen
    }

    /// Whether a property of this name exists.
    func contains(_ name: String) -> Bool { properties[name] != nil }

    /// The object schema, or `nil` when the action takes no input.
    var schema: JSON? {
        guard !properties.isEmpty else { return nil }
        var schema: JSONObject = ["type": "object"]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        schema["properties"] = .object(properties)
        return .object(schema)
    }
}
