import WeftJSON

extension OpenAPIDocument {
    /// A self-contained JSON Schema for the value at `pointer`.
    ///
    /// `pointer` is a local reference such as `#/components/schemas/Order` (OpenAPI 3) or `#/definitions/Foo`
    /// (Swagger 2.0); percent-encoding and the bare pointer form (`/components/schemas/Order`) are accepted.
    ///
    /// - A schema comes back with every `$ref` inlined. A reference met again inside its own expansion (a
    ///   cycle) is cut: it becomes `{"description": "recursive: Foo", "x-weft-ref": "#/components/schemas/Foo"}`,
    ///   which accepts any value. An unresolvable reference becomes `{"description": "unresolved: <ref>", ...}`
    ///   the same way; on very large documents, references beyond an expansion budget become
    ///   `{"description": "not expanded: Foo", ...}`.
    /// - A parameter list (such as `#/paths/~1chat.postMessage/post/parameters`, Swagger 2.0 formData, query
    ///   and body parameters, or OpenAPI 3 parameters) comes back as an object schema with one property per
    ///   parameter, by name (a body parameter's property holds its schema), and `required` listing the
    ///   required ones.
    /// - A parameter, request body, response or media type object comes back as the schema it carries.
    ///
    /// - Throws: `OpenAPIError` when the pointer is malformed, finds nothing, or finds something that is none
    ///   of these.
    public func schema(at pointer: String) throws(OpenAPIError) -> JSON {
        let parsed: JSONPointer
        do {
            parsed = try Self.pointer(pointer)
        } catch {
            throw .badPointer(pointer, error.message, file: file)
        }
        guard let value = root[parsed] else { throw .noValue(pointer, file: file) }
        var inliner = SchemaInliner(document: self)
        switch value {
        case .array(let list):
            return inliner.inline(parametersSchema(list))
        case .bool:
            return value
        case .object(let object):
            if let carried = carriedSchema(object, at: parsed) { return inliner.inline(carried) }
            return inliner.inline(value, at: "#" + parsed.description)
        default:
            throw .notASchema(pointer, file: file)
        }
    }

    /// The schema a parameter, request body, response or media type object carries; `nil` for anything else
    /// (which is then taken as a schema itself).
    private func carriedSchema(_ object: JSONObject, at pointer: JSONPointer) -> JSON? {
        let parent = pointer.tokens.dropLast().last
        if object["in"] != nil, object["name"] != nil { return parameterSchema(.object(object)) }
        if parent == "requestBodies" || pointer.tokens.last == "requestBody" || parent == "responses" {
            if case .object(let content)? = object["content"] {
                return content.values.first { $0["schema"] != nil }?["schema"]
            }
            return object["schema"]
        }
        if parent == "content", object["schema"] != nil { return object["schema"] }
        return nil
    }

    /// An object schema whose properties are the parameters of `list` (after following `$ref`s), in order.
    func parametersSchema(_ list: [JSON]) -> JSON {
        var properties = JSONObject()
        var required: [JSON] = []
        for entry in list {
            let parameter = resolved(entry)
            guard let name = parameter["name"]?.stringValue else { continue }
            properties[name] = parameterSchema(parameter)
            if parameter["required"] == .bool(true) || parameter["in"] == "path" { required.append(.string(name)) }
        }
        var schema: JSONObject = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    /// The JSON Schema of one parameter's value: its `schema` (OpenAPI 3, Swagger 2.0 body), the schema of its
    /// first `content` entry, or — Swagger 2.0 non-body parameters — its type keywords. The parameter's
    /// description is kept.
    func parameterSchema(_ parameter: JSON) -> JSON {
        var schema: JSON
        if let carried = parameter["schema"] {
            schema = carried
        } else if case .object(let content)? = parameter["content"], let first = content.values.first?["schema"] {
            schema = first
        } else {
            schema = Self.swaggerItemSchema(parameter)
        }
        if let description = parameter["description"], case .object(var object) = schema,
            object["description"] == nil, object["$ref"] == nil
        {
            object["description"] = description
            schema = .object(object)
        }
        return schema
    }

    /// The schema keywords of a Swagger 2.0 non-body parameter or `items` object (`type`, `format`, `items`,
    /// `enum`, bounds); `type: file` becomes a binary string.
    static func swaggerItemSchema(_ item: JSON) -> JSON {
        var schema = JSONObject()
        for key in swaggerSchemaKeys {
            guard let value = item[key] else { continue }
            schema[key] = key == "items" ? swaggerItemSchema(value) : value
        }
        if schema["type"] == "file" {
            schema["type"] = "string"
            schema["format"] = "binary"
        }
        return .object(schema)
    }

    private static let swaggerSchemaKeys = [
        "type", "format", "items", "enum", "default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minLength", "maxLength", "pattern", "minItems", "maxItems", "uniqueItems", "multipleOf",
    ]

    /// `value` with `$ref`s followed until it is not a reference (at most 32 hops; an unresolvable or cyclic
    /// chain gives the last value reached).
    func resolved(_ value: JSON) -> JSON {
        var current = value
        for _ in 0..<32 {
            guard case .string(let reference)? = current["$ref"], let target = self.value(atReference: reference)
            else { return current }
            current = target
        }
        return current
    }
}
