import WeftJSON

/// What a schema looks like once references are followed: its properties (`allOf` members merged), its type,
/// its items. Used to read responses for records and paging fields.
struct SchemaShape {
    let document: OpenAPIDocument

    /// The schema after following `$ref`s.
    func resolved(_ schema: JSON) -> JSON {
        document.resolved(schema)
    }

    /// The properties of an object schema, with those of its `allOf` members (one level deep) merged in.
    func properties(_ schema: JSON) -> JSONObject {
        let schema = resolved(schema)
        var properties = schema["properties"]?.objectValue ?? [:]
        for member in schema["allOf"]?.arrayValue ?? [] {
            for (name, property) in resolved(member)["properties"]?.objectValue ?? [:] where properties[name] == nil {
                properties[name] = property
            }
        }
        return properties
    }

    /// The schema's type name, when it has one (the first non-null one of a list).
    func type(_ schema: JSON) -> String? {
        let schema = resolved(schema)
        switch schema["type"] {
        case .string(let name)?: return name
        case .array(let names)?: return names.compactMap(\.stringValue).first { $0 != "null" }
        default:
            if schema["items"] != nil { return "array" }
            if schema["properties"] != nil || schema["allOf"] != nil { return "object" }
            return nil
        }
    }

    /// The items schema of an array schema.
    func items(_ schema: JSON) -> JSON? {
        let schema = resolved(schema)
        guard type(schema) == "array" else { return nil }
        return schema["items"] ?? [:]
    }

    /// The property at `path` (names, from the top), or `nil`.
    func property(_ schema: JSON, path: [String]) -> JSON? {
        var current = schema
        for name in path {
            guard let next = properties(current)[name] else { return nil }
            current = next
        }
        return current
    }
}
