import WeftJSON

extension OpenAPIDocument {
    /// The methods a path item can hold, in the order operations are listed.
    static let operationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Every operation under `paths`, in document order (paths as written, methods in the order `get`, `put`,
    /// `post`, `delete`, `options`, `head`, `patch`, `trace`). A path item that is a `$ref` is followed. Webhooks
    /// (OpenAPI 3.1) are not operations of the API and are not listed.
    public var operations: [OpenAPIOperation] {
        guard case .object(let paths)? = root["paths"] else { return [] }
        var result: [OpenAPIOperation] = []
        for (path, item) in paths {
            guard path.hasPrefix("/") else { continue }
            let itemPointer = JSONPointer(tokens: ["paths", path])
            let (pathItem, _) = located(item, at: itemPointer)
            guard case .object(let members) = pathItem else { continue }
            let shared = members["parameters"]?.arrayValue ?? []
            for method in Self.operationMethods {
                guard let object = members[method], case .object = object else { continue }
                let pointer = itemPointer.appending(method)
                result.append(
                    operation(
                        method: method, path: path, object: object, pointer: pointer, shared: shared,
                        sharedPointer: itemPointer.appending("parameters")))
            }
        }
        return result
    }

    private func operation(
        method: String, path: String, object: JSON, pointer: JSONPointer, shared: [JSON], sharedPointer: JSONPointer
    ) -> OpenAPIOperation {
        var parameters: [OpenAPIParameter] = []
        func add(_ list: [JSON], at listPointer: JSONPointer) {
            for (index, entry) in list.enumerated() {
                let (value, location) = located(entry, at: listPointer.appending(index))
                guard let name = value["name"]?.stringValue, let place = value["in"]?.stringValue else { continue }
                let parameter = OpenAPIParameter(
                    name: name, location: place, isRequired: place == "path" || value["required"] == .bool(true),
                    object: value, pointer: location.description)
                if let existing = parameters.firstIndex(where: { $0.name == name && $0.location == place }) {
                    parameters[existing] = parameter
                } else {
                    parameters.append(parameter)
                }
            }
        }
        add(shared, at: sharedPointer)
        add(object["parameters"]?.arrayValue ?? [], at: pointer.appending("parameters"))
        var requestBody: OpenAPIOperation.Located?
        if let body = object["requestBody"] {
            let (value, location) = located(body, at: pointer.appending("requestBody"))
            requestBody = OpenAPIOperation.Located(value: value, pointer: location.description)
        }
        var responses: [(status: String, response: OpenAPIOperation.Located)] = []
        if case .object(let documented)? = object["responses"] {
            for (status, response) in documented {
                let (value, location) = located(response, at: pointer.appending("responses").appending(status))
                responses.append((status, OpenAPIOperation.Located(value: value, pointer: location.description)))
            }
        }
        return OpenAPIOperation(
            method: method.uppercased(), path: path, pointer: pointer.description, object: object,
            parameters: parameters, requestBody: requestBody, responses: responses)
    }

    /// `value` (found at `pointer`) with its `$ref`s followed (at most 32 hops), and where the result is.
    func located(_ value: JSON, at pointer: JSONPointer) -> (JSON, JSONPointer) {
        var current = value
        var location = pointer
        for _ in 0..<32 {
            guard case .string(let reference)? = current["$ref"], let target = try? Self.pointer(reference),
                let found = root[target]
            else { break }
            current = found
            location = target
        }
        return (current, location)
    }
}
