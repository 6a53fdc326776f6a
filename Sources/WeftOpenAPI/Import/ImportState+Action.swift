import WeftJSON
import WeftModel

extension ImportState {
    /// One action: its unique name and its manifest value.
    struct BuiltAction {
        var name: String
        var value: JSON
    }

    /// The action for `operation`, or `nil` when Weft cannot call it (a TRACE operation).
    mutating func action(for operation: Operation, auth: ImportAuth, taken: inout Set<String>) -> BuiltAction? {
        guard let method = HTTPMethod(rawValue: operation.method.uppercased()) else {
            diagnostics.add(
                "method",
                "\(operation.method.uppercased()) operations are not imported (Weft actions cannot send them)",
                at: operation.pointer)
            return nil
        }
        let name = actionName(operation, taken: &taken)
        var action = JSONObject()
        let object = operation.object
        reportOverrides(operation, auth: auth)
        var description = object["summary"]?.stringValue ?? object["description"]?.stringValue
        if object["deprecated"] == .bool(true) { description = "Deprecated. " + (description ?? "") }
        if let description, !description.isEmpty { action["description"] = .string(DescriptionText.plain(description)) }
        action["method"] = .string(method.rawValue)

        var input = InputSchema()
        var query = JSONObject()
        var headers = JSONObject()
        var pathNames: [String: String] = [:]
        var queryParameters: [(name: String, parameter: JSON)] = []
        var formFields: [(field: String, property: String)] = []
        var bodyParameter: JSON?

        for (parameter, pointer) in parameters(of: operation) {
            guard let name = parameter["name"]?.stringValue, let location = parameter["in"]?.stringValue else {
                diagnostics.add("parameter", "a parameter without `name` or `in` is left out", at: pointer)
                continue
            }
            let required = parameter["required"] == .bool(true) || location == "path"
            switch location {
            case "path":
                pathNames[name] = input.add(name, schema: parameterSchema(parameter), required: true, prefix: "path")
            case "query":
                if let queryName = auth.queryName, queryName == name {
                    diagnostics.add(
                        "parameter-auth", "the query parameter `\(name)` is sent by the auth block", at: pointer)
                    continue
                }
                let property = input.add(name, schema: parameterSchema(parameter), required: required, prefix: "query")
                query[name] = .string(queryTemplate(parameter, property: property, at: pointer))
                queryParameters.append((name, parameter))
            case "header":
                let lowered = name.lowercased()
                if lowered == "authorization" || lowered == auth.headerName {
                    diagnostics.add(
                        "parameter-auth", "the header parameter `\(name)` is sent by the auth block", at: pointer)
                    continue
                }
                let property = input.add(
                    name, schema: parameterSchema(parameter), required: required, prefix: "header")
                headers[name] = .string("{{ \(ActionNaming.inputExpression(property)) }}")
            case "cookie":
                diagnostics.add(
                    "parameter-cookie", "cookie parameters are left out (Weft actions send no cookies)", at: pointer)
            case "body":
                bodyParameter = parameter
            case "formData":
                let property = input.add(name, schema: parameterSchema(parameter), required: required, prefix: "form")
                formFields.append((name, property))
            default:
                diagnostics.add("parameter", "parameters in `\(location)` are left out", at: pointer)
            }
        }

        action["path"] = .string(pathTemplate(operation, names: &pathNames, input: &input))
        if !query.isEmpty { action["query"] = .object(query) }
        if !headers.isEmpty { action["headers"] = .object(headers) }

        if !formFields.isEmpty {
            let consumes = (object["consumes"] ?? document.root["consumes"])?.arrayValue?.compactMap(\.stringValue)
            let mediaType = consumes?.first { $0.contains("form") } ?? "application/x-www-form-urlencoded"
            if sendsForm(mediaType, operation) { action["body_format"] = "form" }
            action["body"] = formBody(formFields)
        } else if let bodyParameter {
            let schema = schemas.convert(bodyParameter["schema"] ?? [:])
            let property = input.add(
                input.contains("body") ? "request_body" : "body", schema: schema,
                required: bodyParameter["required"] == .bool(true), prefix: "request")
            action["body"] = .string(ActionNaming.inputExpression(property))
        } else if let requestBody = object["requestBody"] {
            if let (body, form) = requestBodyTemplate(
                document.resolved(requestBody), operation: operation, input: &input)
            {
                action["body"] = body
                if form { action["body_format"] = "form" }
            }
        }
        if let schema = input.schema { action["input"] = schema }

        let response = successResponse(operation)
        var responseSchema: JSON?
        if let response {
            responseSchema = self.responseSchema(response.response, operation: operation, code: response.code)
        }
        let paging = pagination(
            operation: operation, response: response?.response, schema: responseSchema, query: queryParameters)
        if let paging {
            if let records = paging.records { action["records"] = .string(records) }
            if let record = paging.recordSchema { action["output"] = schemas.convert(record) }
            action["paginate"] = paging.block
        } else if let responseSchema {
            action["output"] = schemas.convert(responseSchema)
        }
        if let paginate = action.removeValue(forKey: "paginate") {
            // The manifest's order: output, then paginate and records.
            let records = action.removeValue(forKey: "records")
            action["paginate"] = paginate
            if let records { action["records"] = records }
        }
        return BuiltAction(name: name, value: .object(action))
    }

    /// Reports what an operation declares for itself that an app holds once: servers, security, callbacks.
    private mutating func reportOverrides(_ operation: Operation, auth: ImportAuth) {
        let object = operation.object
        if let servers = (object["servers"] ?? operation.itemServers)?.arrayValue, !servers.isEmpty {
            let urls = servers.compactMap { $0["url"]?.stringValue }
            if urls.first != document.root["servers"]?[0]?["url"]?.stringValue {
                diagnostics.add(
                    "operation-servers", "operations with their own servers are called on the app's base URL",
                    at: operation.pointer, hint: "servers: \(urls.joined(separator: ", "))")
            }
        }
        if let requirements = object["security"]?.arrayValue {
            let names = Set(requirements.flatMap { $0.objectValue?.keys.map { $0 } ?? [] })
            let optional = requirements.contains { $0.objectValue?.isEmpty == true }
            if requirements.isEmpty || optional {
                if auth.scheme != nil {
                    diagnostics.add(
                        "operation-security", "operations that need no authentication are sent with the app's auth",
                        at: operation.pointer)
                }
            } else if let scheme = auth.scheme, !names.contains(scheme) {
                diagnostics.add(
                    "operation-security",
                    "operations that require another security scheme are sent with the app's auth (`\(scheme)`)",
                    at: operation.pointer, hint: "they require: \(names.sorted().joined(separator: ", "))")
            }
        }
        if let callbacks = object["callbacks"]?.objectValue, !callbacks.isEmpty {
            diagnostics.add("callbacks", "callbacks are not imported", at: operation.pointer + "/callbacks")
        }
    }

    private mutating func actionName(_ operation: Operation, taken: inout Set<String>) -> String {
        var name = ""
        if let id = operation.object["operationId"]?.stringValue {
            name = ActionNaming.snakeCase(id)
        }
        if name.isEmpty {
            name = ActionNaming.fromMethodAndPath(operation.method, operation.path)
            diagnostics.add(
                "action-name", "operations without an operationId are named from their method and path",
                at: operation.pointer)
        }
        let unique = ActionNaming.unique(name, in: taken)
        if unique != name {
            diagnostics.add(
                "action-name", "the action name `\(name)` is taken; this operation is `\(unique)`",
                at: operation.pointer)
        }
        taken.insert(unique)
        return unique
    }

    /// The path item's parameters and the operation's, an operation parameter replacing a path item one of the
    /// same name and location; `$ref`s followed.
    private func parameters(of operation: Operation) -> [(JSON, String)] {
        var merged: [(key: String, parameter: JSON, pointer: String)] = []
        let itemPointer = String(operation.pointer[..<operation.pointer.lastIndex(of: "/")!])
        for (index, entry) in operation.pathParameters.enumerated() {
            let parameter = document.resolved(entry)
            merged.append((Self.parameterKey(parameter), parameter, "\(itemPointer)/parameters/\(index)"))
        }
        for (index, entry) in (operation.object["parameters"]?.arrayValue ?? []).enumerated() {
            let parameter = document.resolved(entry)
            let key = Self.parameterKey(parameter)
            let pointer = "\(operation.pointer)/parameters/\(index)"
            if let existing = merged.firstIndex(where: { $0.key == key }) {
                merged[existing] = (key, parameter, pointer)
            } else {
                merged.append((key, parameter, pointer))
            }
        }
        return merged.map { ($0.parameter, $0.pointer) }
    }

    private static func parameterKey(_ parameter: JSON) -> String {
        (parameter["in"]?.stringValue ?? "") + ":" + (parameter["name"]?.stringValue ?? "")
    }

    private mutating func parameterSchema(_ parameter: JSON) -> JSON {
        schemas.convert(document.parameterSchema(parameter))
    }

    /// The path with each `{name}` replaced by a template hole over the input.
    private mutating func pathTemplate(
        _ operation: Operation, names: inout [String: String], input: inout InputSchema
    ) -> String {
        var template = ""
        var rest = Substring(operation.path)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            template += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            if names[name] == nil {
                diagnostics.add(
                    "path-parameter", "the path parameter `\(name)` is not declared; it is taken as a required string",
                    at: operation.pointer)
                names[name] = input.add(name, schema: ["type": "string"], required: true, prefix: "path")
            }
            template += "{{ \(ActionNaming.inputExpression(names[name]!)) }}"
            rest = rest[rest.index(after: close)...]
        }
        return template + rest
    }

    /// A query parameter's template: the value as text; an array's items joined with commas.
    private mutating func queryTemplate(_ parameter: JSON, property: String, at pointer: String) -> String {
        let expression = ActionNaming.inputExpression(property)
        let schema = document.resolved(parameter["schema"] ?? parameter)
        switch shape.type(schema) {
        case "array":
            let multi = parameter["collectionFormat"] == "multi"
            let explode = parameter["explode"]?.boolValue ?? (parameter["style"].map { $0 == "form" } ?? true)
            if multi || (document.version != .swagger2 && explode) {
                diagnostics.add(
                    "query-array",
                    "array query parameters are sent once, comma-separated (Weft does not repeat a parameter)",
                    at: pointer)
            }
            return "{{ $join(\(expression).$string(), ',') }}"
        case "object":
            diagnostics.add(
                "query-object", "object query parameters are sent as JSON text", at: pointer,
                hint: "write the action's query by hand if the API expects deepObject or exploded form style")
            return "{{ \(expression) }}"
        default:
            return "{{ \(expression) }}"
        }
    }

    private func formBody(_ fields: [(field: String, property: String)]) -> JSON {
        var body = JSONObject()
        for (field, property) in fields { body[field] = .string(ActionNaming.inputExpression(property)) }
        return .object(body)
    }

    /// Whether the action can send this form as the API takes it: URL-encoded forms yes (`body_format: form`);
    /// multipart forms are reported and sent as JSON.
    private mutating func sendsForm(_ mediaType: String, _ operation: Operation) -> Bool {
        if mediaType.lowercased().hasPrefix("application/x-www-form-urlencoded") { return true }
        diagnostics.add(
            "form-body",
            "the API takes `\(mediaType)` bodies; Weft actions send the fields as a JSON body", at: operation.pointer,
            hint: "check that the API accepts JSON, or call it from an `http` step")
        return false
    }

    /// The body template of an OpenAPI 3 request body: JSON content as the input's `body`; form content field by
    /// field (each field an input property, required when the form's schema requires it, even if the body itself
    /// is optional: such a field is what the call is about, as Twilio's `To`).
    private mutating func requestBodyTemplate(_ requestBody: JSON, operation: Operation, input: inout InputSchema)
        -> (body: JSON, form: Bool)?
    {
        let content = requestBody["content"]?.objectValue ?? [:]
        guard !content.isEmpty else { return nil }
        let pointer = operation.pointer + "/requestBody"
        let mediaType =
            content.keys.first(where: Self.isJSON) ?? content.keys.first(where: Self.isForm) ?? content.keys[0]
        let schema = content[mediaType]?["schema"] ?? [:]
        let required = requestBody["required"] == .bool(true)
        if Self.isForm(mediaType) {
            let properties = shape.properties(schema)
            // A form without fields (Stripe declares one on every GET) sends nothing.
            if properties.isEmpty && shape.resolved(schema)["additionalProperties"] == .bool(false) { return nil }
            if !properties.isEmpty {
                let form = sendsForm(mediaType, operation)
                let requiredFields = Set(
                    (shape.resolved(schema)["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                var fields: [(field: String, property: String)] = []
                for (name, property) in properties {
                    let used = input.add(
                        name, schema: schemas.convert(property), required: requiredFields.contains(name),
                        prefix: "form")
                    fields.append((name, used))
                }
                return (formBody(fields), form)
            }
        }
        if !Self.isJSON(mediaType) {
            diagnostics.add(
                "body-media-type", "the request body is `\(mediaType)`; Weft sends it as JSON", at: pointer,
                hint: "check what the API accepts, or call it from an `http` step")
        }
        let property = input.add(
            input.contains("body") ? "request_body" : "body", schema: schemas.convert(schema), required: required,
            prefix: "request")
        return (.string(ActionNaming.inputExpression(property)), false)
    }

    static func isJSON(_ mediaType: String) -> Bool {
        let type = mediaType.lowercased()
        return type.hasPrefix("application/json") || type.contains("+json") || type == "*/*"
            || type.hasPrefix("application/*")
    }

    static func isForm(_ mediaType: String) -> Bool {
        let type = mediaType.lowercased()
        return type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data")
    }
}
