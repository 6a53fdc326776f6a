import WeftJSON

/// Turns the document's schemas into the schemas of an app manifest.
///
/// A reference to a component schema (`#/components/schemas/Name`, Swagger's `#/definitions/Name`) becomes
/// `$ref: "#/schemas/Name"`, and the component is brought into the manifest's `schemas:` section (converted
/// the same way, so references between components — cyclic ones included — stay references, which Weft's schema
/// compiler resolves). Any other local reference is inlined. Vendor extensions (`x-...`) and `xml` are dropped;
/// Swagger's `type: file` becomes a binary string. Keywords are walked by what they hold, so a property called
/// `$ref` or `x-id`, and examples, are left alone.
struct ManifestSchemas {
    let document: OpenAPIDocument
    /// The component names used so far, converted lazily by `finish()`.
    private(set) var used: Set<String> = []
    private var pending: [String] = []
    /// Non-component references being inlined (to stop a cycle among them).
    private var inlining: Set<String> = []
    /// References that could not be resolved.
    private(set) var unresolved: [String] = []
    private var unresolvedSet: Set<String> = []

    init(document: OpenAPIDocument) {
        self.document = document
    }

    /// The section that holds component schemas: `["components", "schemas"]` or `["definitions"]`.
    var componentSection: [String] {
        document.version == .swagger2 ? ["definitions"] : ["components", "schemas"]
    }

    /// The component name a reference names, or `nil` when it is not a component schema reference.
    func componentName(_ reference: String) -> String? {
        guard let pointer = try? OpenAPIDocument.pointer(reference) else { return nil }
        let section = componentSection
        guard pointer.tokens.count == section.count + 1, pointer.tokens.starts(with: section),
            document.value(at: pointer) != nil
        else { return nil }
        return pointer.tokens.last
    }

    /// `schema` converted for the manifest.
    mutating func convert(_ schema: JSON) -> JSON {
        guard case .object(let object) = schema else { return schema }
        var output = JSONObject(minimumCapacity: object.count)
        for (key, value) in object {
            if key.hasPrefix("x-") || key == "xml" { continue }
            switch key {
            case "$ref":
                guard case .string(let reference) = value else { continue }
                if let name = componentName(reference) {
                    output[key] = .string("#/schemas/" + JSONPointer.escape(name))
                    if used.insert(name).inserted { pending.append(name) }
                } else if let inlined = inline(reference) {
                    // Another local reference: its keywords take the reference's place.
                    if case .object(let members) = inlined {
                        for (member, memberValue) in members where output[member] == nil {
                            output[member] = memberValue
                        }
                    }
                } else {
                    output["description"] = output["description"] ?? .string("unresolved reference \(reference)")
                }
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas":
                guard case .object(let members) = value else {
                    output[key] = value
                    continue
                }
                var converted = JSONObject(minimumCapacity: members.count)
                for (name, member) in members { converted[name] = convert(member) }
                output[key] = .object(converted)
            case "items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains",
                "propertyNames", "unevaluatedItems", "unevaluatedProperties":
                if case .array(let list) = value {
                    output[key] = .array(list.map { convert($0) })
                } else {
                    output[key] = convert(value)
                }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                guard case .array(let list) = value else {
                    output[key] = value
                    continue
                }
                output[key] = .array(list.map { convert($0) })
            case "type" where value == "file":
                output[key] = "string"
                output["format"] = "binary"
            default:
                output[key] = value
            }
        }
        return .object(output)
    }

    private mutating func inline(_ reference: String) -> JSON? {
        guard let target = document.value(atReference: reference) else {
            if unresolvedSet.insert(reference).inserted { unresolved.append(reference) }
            return nil
        }
        guard inlining.insert(reference).inserted else { return ["description": .string("recursive: \(reference)")] }
        defer { inlining.remove(reference) }
        return convert(target)
    }

    /// Converts every component used so far (and those they use), and returns them in the document's order.
    mutating func finish() -> JSONObject {
        var converted: [String: JSON] = [:]
        while let name = pending.popLast() {
            let schema = document.value(at: JSONPointer(tokens: componentSection + [name])) ?? [:]
            converted[name] = convert(schema)
        }
        var schemas = JSONObject()
        let section = document.value(at: JSONPointer(tokens: componentSection))?.objectValue ?? [:]
        for name in section.keys {
            if let schema = converted[name] { schemas[name] = schema }
        }
        return schemas
    }
}
