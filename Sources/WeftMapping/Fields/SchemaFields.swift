import WeftJSON

/// The fields of a JSON Schema, flattened to dot paths, with the name of the record the schema describes.
///
/// Objects are entered (their properties become `parent.child`), arrays of objects too (`items[].child`); a field
/// deeper than `maxDepth` levels is not listed, and an object or array at the last level is listed but not
/// entered. `$ref`s of the form `#/...` are followed inside `referenceRoot` (an app manifest's `schemas:` section,
/// a JSON Schema file's `$defs`), and a reference that comes back to itself is cut. `allOf` members are merged;
/// `anyOf` and `oneOf` alternatives are merged too, their types joined (`object|string`). A schema the OpenAPI
/// resolver cut (marked `x-weft-ref`) stands for an object that is not entered.
public struct SchemaFields: Sendable, Hashable {
    /// The name of the record the schema describes (`Order`, `salesOrder`), when known: a field's name is read
    /// in its light (`orderDate` of an order is its date).
    public var recordName: String?
    /// The fields, in the schema's order, parents before their children.
    public var fields: [SchemaField]

    /// Fields given directly.
    public init(recordName: String?, fields: [SchemaField]) {
        self.recordName = recordName
        self.fields = fields
    }

    /// Flattens `schema`.
    ///
    /// - Parameters:
    ///   - schema: a JSON Schema of an object.
    ///   - recordName: the name of the record; by default the schema's `title`, or the name of the `#/...`
    ///     reference the schema is.
    ///   - maxDepth: the deepest level listed: 0 lists the top-level properties only, 1 their children too, and so
    ///     on; `nil` for no limit (references that come back to themselves are cut in any case).
    ///   - referenceRoot: the document that `#/...` references point into; by default `schema` itself.
    public init(schema: JSON, recordName: String? = nil, maxDepth: Int? = nil, referenceRoot: JSON? = nil) {
        var flattener = Flattener(root: referenceRoot ?? schema, maxDepth: maxDepth ?? 64)
        let resolved = flattener.resolve(schema, seen: [])
        self.recordName = recordName ?? resolved.schema["title"]?.stringValue ?? resolved.referenceName
        flattener.visitObject(resolved.schema, names: [], entersArray: [], depth: 0, seen: resolved.seen)
        self.fields = flattener.fields
    }

    /// The field at `path`, if listed.
    public subscript(path: String) -> SchemaField? {
        fields.first { $0.path == path }
    }
}

/// Walks a schema and collects its fields.
private struct Flattener {
    let root: JSON
    let maxDepth: Int
    var fields: [SchemaField] = []

    init(root: JSON, maxDepth: Int) {
        self.root = root
        self.maxDepth = maxDepth
    }

    /// A schema with its `$ref` followed (when it points inside the root) and its `allOf`, `anyOf` and `oneOf`
    /// merged into one schema; `seen` gathers the references followed, to cut cycles.
    func resolve(_ schema: JSON, seen: Set<String>) -> (schema: JSON, seen: Set<String>, referenceName: String?) {
        var seen = seen
        var current = schema
        var referenceName: String?
        while let reference = current["$ref"]?.stringValue {
            guard reference.hasPrefix("#"), !seen.contains(reference),
                let pointer = try? JSONPointer(String(reference.dropFirst())), let target = root[pointer]
            else { return (.object([:]), seen, referenceName) }
            seen.insert(reference)
            referenceName = pointer.tokens.last
            // Keywords next to `$ref` (a description, `nullable`) still apply.
            var merged = target.objectValue ?? [:]
            for (key, value) in current.objectValue ?? [:] where key != "$ref" { merged[key] = value }
            current = .object(merged)
        }
        guard var object = current.objectValue else { return (current, seen, referenceName) }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard let members = object.removeValue(forKey: keyword)?.arrayValue else { continue }
            for member in members {
                let resolved = resolve(member, seen: seen)
                object = Self.merge(object, resolved.schema.objectValue ?? [:])
            }
        }
        return (.object(object), seen, referenceName)
    }

    /// `base` with the properties, required names, types and annotations of `other` added.
    static func merge(_ base: JSONObject, _ other: JSONObject) -> JSONObject {
        var merged = base
        let types = typeNames(of: .object(base)).union(typeNames(of: .object(other)))
        for (key, value) in other {
            switch key {
            case "properties":
                var properties = merged["properties"]?.objectValue ?? [:]
                for (name, schema) in value.objectValue ?? [:] where properties[name] == nil {
                    properties[name] = schema
                }
                merged["properties"] = .object(properties)
            case "required":
                let names = (merged["required"]?.arrayValue ?? []) + (value.arrayValue ?? [])
                merged["required"] = .array(names)
            case "type":
                continue
            default:
                if merged[key] == nil { merged[key] = value }
            }
        }
        if !types.isEmpty { merged["type"] = .array(types.sorted().map { .string($0) }) }
        return merged
    }

    /// The type names a schema allows, without `null`; `object` when it only lists properties.
    static func typeNames(of schema: JSON) -> Set<String> {
        var names: Set<String> = []
        switch schema["type"] {
        case .string(let name): names.insert(name)
        case .array(let list): names.formUnion(list.compactMap(\.stringValue))
        default:
            if schema["properties"] != nil { names.insert("object") }
            if schema["items"] != nil { names.insert("array") }
            // A reference the resolver cut (a cycle, an expansion budget): a record not listed further.
            if names.isEmpty, schema["x-weft-ref"] != nil { names.insert("object") }
        }
        names.remove("null")
        return names
    }

    /// Lists the properties of an object schema at `depth`.
    mutating func visitObject(_ schema: JSON, names: [String], entersArray: [Bool], depth: Int, seen: Set<String>) {
        guard let properties = schema["properties"]?.objectValue else { return }
        let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        // An object nested in a record (not the record itself, not an array's element) that has an identifier
        // of its own is a related record.
        let isRelated = !names.isEmpty && entersArray.last == false && properties["id"] != nil
        for (name, property) in properties {
            let resolved = resolve(property, seen: seen)
            visitProperty(
                resolved.schema, name: name, required: required.contains(name), isRelated: isRelated,
                names: names, entersArray: entersArray, depth: depth, seen: resolved.seen)
        }
    }

    /// Lists one property, and enters it when it is an object or an array of objects above the depth limit.
    mutating func visitProperty(
        _ schema: JSON, name: String, required: Bool, isRelated: Bool, names: [String], entersArray: [Bool],
        depth: Int, seen: Set<String>
    ) {
        guard depth <= maxDepth else { return }
        var types = Self.typeNames(of: schema)
        var element: (schema: JSON, seen: Set<String>, referenceName: String?)?
        var elementTypes: Set<String> = []
        if types.contains("array"), let items = schema["items"] {
            element = resolve(items, seen: seen)
            elementTypes = Self.typeNames(of: element!.schema)
        }
        if types.isEmpty, let constant = schema["const"] { types.insert(Self.typeName(of: constant)) }
        let isArray = types == ["array"]
        let field = SchemaField(
            names: names + [name], entersArray: entersArray + [isArray],
            type: FieldType(names: types, format: schema["format"]?.stringValue, elementNames: elementTypes),
            description: (schema["description"] ?? schema["title"])?.stringValue,
            enumValues: schema["enum"]?.arrayValue ?? schema["const"].map { [$0] } ?? [],
            examples: Self.examples(of: schema), isRequired: required,
            isReadOnly: schema["readOnly"]?.boolValue ?? false, isInRelatedRecord: isRelated)
        fields.append(field)
        guard depth < maxDepth else { return }
        if types.contains("object") {
            visitObject(schema, names: field.names, entersArray: entersArray + [false], depth: depth + 1, seen: seen)
        } else if isArray, let element, elementTypes.contains("object") {
            visitObject(
                element.schema, names: field.names, entersArray: entersArray + [true], depth: depth + 1,
                seen: element.seen)
        }
    }

    /// The JSON Schema type name of a value.
    static func typeName(of value: JSON) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.rounded() == number ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The `example`, `examples` and `default` values of a schema.
    static func examples(of schema: JSON) -> [JSON] {
        var values: [JSON] = []
        if let example = schema["example"] { values.append(example) }
        if let list = schema["examples"]?.arrayValue { values.append(contentsOf: list) }
        if let value = schema["default"] { values.append(value) }
        return values.filter { !$0.isNull }
    }
}
