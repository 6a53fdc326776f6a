import WeftJSON

/// Builds a JSON Schema (draft 2020-12) from specs, collecting named object types under `$defs`.
public struct SchemaBuilder {
    private(set) var definitions: JSONObject = [:]

    /// Creates an empty builder.
    public init() {}

    /// A `$ref` to the named definition, building it the first time (recursive types are fine).
    mutating func reference(_ name: String, build: (inout SchemaBuilder) -> JSON) -> JSON {
        if definitions[name] == nil {
            definitions[name] = .object([:])  // placeholder while building, for recursion
            definitions[name] = build(&self)
        }
        return ["$ref": .string("#/$defs/\(name)")]
    }

    /// The complete schema document for a root spec.
    public static func document<Value>(for spec: Spec<Value>, id: String, title: String, description: String) -> JSON {
        var builder = SchemaBuilder()
        let root = spec.schema(&builder)
        var document: JSONObject = [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": .string(id),
            "title": .string(title),
            "description": .string(description),
        ]
        if case .object(let rootObject) = root {
            for (key, value) in rootObject { document[key] = value }
        }
        document["$defs"] = .object(JSONObject(uniqueKeysWithValues: builder.definitions.sorted { $0.key < $1.key }))
        return .object(document)
    }
}
