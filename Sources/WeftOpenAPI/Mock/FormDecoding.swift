import WeftJSON

/// Reads URL-encoded form bodies into the JSON values their schemas describe, with bracketed names for nested
/// values: `metadata[order]=7` is a member of an object, `items[0][price]=5` a member of an array's first item,
/// and `tags[]=a&tags[]=b` an array (the encoding Stripe and other form-based APIs use).
enum FormDecoding {
    /// A form field tree: text values at the leaves, named children inside.
    private final class Node {
        var values: [String] = []
        var children: [(key: String, node: Node)] = []

        func child(_ key: String) -> Node {
            if !key.isEmpty, let existing = children.first(where: { $0.key == key }) { return existing.node }
            let node = Node()
            children.append((key, node))
            return node
        }
    }

    /// The fields of a form as the object `schema` describes (leaves read as their properties' types).
    static func object(_ fields: [(name: String, value: String)], _ schema: JSON) -> JSON {
        let root = Node()
        for (name, value) in fields {
            var node = root
            for token in tokens(name) {
                if token.isEmpty {
                    node = node.child("")
                } else {
                    node = node.child(token)
                }
            }
            node.values.append(value)
        }
        return value(root, schema)
    }

    /// `a[b][]` gives `a`, `b`, ``.
    static func tokens(_ name: String) -> [String] {
        guard let open = name.firstIndex(of: "["), name.hasSuffix("]") else { return [name] }
        var tokens = [String(name[..<open])]
        let inner = name[name.index(after: open)..<name.index(before: name.endIndex)]
        tokens += inner.components(separatedBy: "][")
        return tokens
    }

    private static func value(_ node: Node, _ schema: JSON) -> JSON {
        let isTree = !node.children.isEmpty
        let schema = branch(of: schema, forTree: isTree)
        guard isTree else {
            return ParameterDecoding.value(node.values, schema: schema, parameter: ["in": "query"])
                ?? .string(node.values.last ?? "")
        }
        if ParameterDecoding.type(of: schema) == "array"
            || node.children.allSatisfy({ $0.key.isEmpty || Int($0.key) != nil })
        {
            let items = schema["items"] ?? [:]
            return .array(
                node.children.flatMap { child in
                    child.node.children.isEmpty && child.key.isEmpty
                        ? child.node.values.map { ParameterDecoding.scalar($0, schema: items) }
                        : [value(child.node, items)]
                })
        }
        var object = JSONObject()
        let properties = schema["properties"]?.objectValue ?? [:]
        let additional = schema["additionalProperties"].flatMap { $0.objectValue != nil ? $0 : nil } ?? [:]
        for (key, child) in node.children {
            object[key] = value(child, properties[key] ?? additional)
        }
        return .object(object)
    }

    /// The part of a schema a value is read with: among `anyOf`/`oneOf` branches, the first that is an object or
    /// array for a tree of fields, or the first that is not for a single field.
    private static func branch(of schema: JSON, forTree: Bool) -> JSON {
        guard schema["type"] == nil else { return schema }
        for key in ["anyOf", "oneOf", "allOf"] {
            guard let branches = schema[key]?.arrayValue, !branches.isEmpty else { continue }
            let fits = branches.first { branch in
                let type = ParameterDecoding.type(of: branch)
                return forTree == (type == "object" || type == "array")
            }
            return fits ?? branches[0]
        }
        return schema
    }
}
